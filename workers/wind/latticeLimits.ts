// Stability limits shared by the 2D and 3D lattice-Boltzmann solvers, and the one place that refuses
// parameters outside them. Both limits are properties of the lattice, not of the city:
// - relaxation time tau > 0.5 (tau = 0.5 means zero viscosity; below it the scheme amplifies every
//   mode). Close to 0.5 plain BGK becomes unstable on under-resolved shear, hence MIN_TAU's margin.
// - lattice speed |u| well below the lattice sound speed 1/sqrt(3) ~ 0.577: the equilibrium is a
//   second-order expansion in Mach number, so errors grow as Ma^2 and the scheme blows up near
//   Ma ~ 0.3-0.4 on sharp corners. MAX_LATTICE_SPEED = 0.15 keeps Ma <= 0.26 at the inflow.

export const MIN_TAU = 0.5 + 1e-3;
export const MAX_TAU = 5;
export const MAX_LATTICE_SPEED = 0.15;
export const LATTICE_SOUND_SPEED = 1 / Math.sqrt(3);

export class UnstableParametersError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnstableParametersError';
  }
}

/** Throws UnstableParametersError with a sentence a user can act on. */
export function assertStableLattice(tau: number, latticeSpeed: number, what: string): void {
  if (!Number.isFinite(tau) || tau < MIN_TAU || tau > MAX_TAU) {
    throw new UnstableParametersError(
      `${what}: relaxation time tau = ${fmt(tau)} is outside the stable range [${MIN_TAU}, ${MAX_TAU}] ` +
        `(lattice viscosity ${fmt((tau - 0.5) / 3)}); raise the viscosity or the resolution`,
    );
  }
  if (!Number.isFinite(latticeSpeed) || latticeSpeed < 0 || latticeSpeed > MAX_LATTICE_SPEED) {
    throw new UnstableParametersError(
      `${what}: lattice speed ${fmt(latticeSpeed)} (Mach ${fmt(latticeSpeed / LATTICE_SOUND_SPEED)}) is above the stable limit ` +
        `${MAX_LATTICE_SPEED} (Mach ${fmt(MAX_LATTICE_SPEED / LATTICE_SOUND_SPEED)}); lower the lattice speed`,
    );
  }
}

function fmt(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(4))) : String(v);
}
