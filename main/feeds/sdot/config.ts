// Where the S-DoT feed settings come from: CLI flags, then environment, then an optional JSON
// config file. No key means live mode is off, with a message saying how to turn it on.
import { DEFAULT_SDOT_SERVICE, DEFAULT_SEOUL_API_BASE } from '../../../common/sdot/seoulOpenApi.js';
import { feedLimits, type FeedLimits } from '../boundedGet.js';

export interface SdotFeedConfig {
  live: { baseUrl: string; key: string; service: string; intervalMs: number } | null;
  /** Body and row limits of the live feed's requests. */
  limits: FeedLimits;
  /** Why live mode is off (shown to users), or null when on. */
  liveOffReason: string | null;
  replayFiles: string[];
}

export interface SdotConfigInput {
  argv?: readonly string[];
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * Parsed JSON of a config file: { "sdot": { "key", "baseUrl", "service", "intervalSeconds", "replay": [],
   * "maxBytes", "maxDecodedBytes", "maxRows" } }.
   */
  file?: unknown;
}

function flagValues(argv: readonly string[], name: string): string[] {
  const out: string[] = [];
  argv.forEach((a, i) => {
    if (a === name && argv[i + 1] !== undefined) out.push(argv[i + 1]);
    else if (a.startsWith(`${name}=`)) out.push(a.slice(name.length + 1));
  });
  return out;
}

export function resolveSdotConfig(input: SdotConfigInput): SdotFeedConfig {
  const argv = input.argv ?? [];
  const env = input.env ?? {};
  const fileSdot = (typeof input.file === 'object' && input.file !== null ? (input.file as Record<string, unknown>)['sdot'] : undefined) as
    Record<string, unknown> | undefined;
  const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  const key = flagValues(argv, '--sdot-key')[0] ?? str(env['VSEOUL_SDOT_KEY']) ?? str(fileSdot?.['key']);
  const baseUrl = flagValues(argv, '--sdot-url')[0] ?? str(env['VSEOUL_SDOT_URL']) ?? str(fileSdot?.['baseUrl']) ?? DEFAULT_SEOUL_API_BASE;
  const service = flagValues(argv, '--sdot-service')[0] ?? str(env['VSEOUL_SDOT_SERVICE']) ?? str(fileSdot?.['service']) ?? DEFAULT_SDOT_SERVICE;
  const seconds = Number(flagValues(argv, '--sdot-interval')[0] ?? env['VSEOUL_SDOT_INTERVAL'] ?? fileSdot?.['intervalSeconds'] ?? 120);
  const intervalMs = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 120_000;
  // Body and row limits (main/feeds/boundedGet.ts): --sdot-max-bytes, VSEOUL_SDOT_MAX_BYTES, "maxBytes"; the same for decoded bytes and rows.
  const limit = (flag: string, envName: string, fileKey: string) => {
    const v = flagValues(argv, flag)[0] ?? str(env[envName]) ?? fileSdot?.[fileKey];
    return v === undefined ? undefined : Number(v);
  };
  const limits = feedLimits({
    maxBodyBytes: limit('--sdot-max-bytes', 'VSEOUL_SDOT_MAX_BYTES', 'maxBytes'),
    maxDecodedBytes: limit('--sdot-max-decoded-bytes', 'VSEOUL_SDOT_MAX_DECODED_BYTES', 'maxDecodedBytes'),
    maxRows: limit('--sdot-max-rows', 'VSEOUL_SDOT_MAX_ROWS', 'maxRows'),
  });
  const replayFiles = [
    ...flagValues(argv, '--sdot-replay'),
    ...(str(env['VSEOUL_SDOT_REPLAY'])
      ?.split(/[;\n]/)
      .map((s) => s.trim())
      .filter(Boolean) ?? []),
    ...(Array.isArray(fileSdot?.['replay']) ? (fileSdot['replay'] as unknown[]).filter((x): x is string => typeof x === 'string') : []),
  ];
  if (!key) {
    return {
      live: null,
      limits,
      liveOffReason: 'S-DoT live mode is off: no Seoul Open Data API key (give --sdot-key KEY, set VSEOUL_SDOT_KEY, or "sdot": {"key": …} in the config file).',
      replayFiles,
    };
  }
  return { live: { baseUrl, key, service, intervalMs }, limits, liveOffReason: null, replayFiles };
}
