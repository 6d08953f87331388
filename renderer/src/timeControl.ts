// Date and time-of-day control, in Seoul time (see seoulTime.ts); the Cesium clock runs in UTC.
import { ClockRange, JulianDate, type CesiumWidget } from 'cesium';
import { el } from './dom.js';
import { onLanguageChange, t } from './i18n.js';
import { Disposer, type Destroyable } from './lifetime.js';
import { formatMinutes, fromSeoul, MINUTES_PER_DAY, toSeoul } from './seoulTime.js';

/** Simulated seconds per real second while playing: a day in about two and a half minutes. */
const PLAY_MULTIPLIER = 600;

export interface TimeControl extends Destroyable {
  set(instant: Date): void;
  current(): Date;
}

export function setUpTimeControl(container: HTMLElement, title: HTMLElement, viewer: CesiumWidget, start: Date): TimeControl {
  const clock = viewer.clock;
  clock.clockRange = ClockRange.UNBOUNDED;
  clock.shouldAnimate = false;

  const dateText = el('span');
  const dateInput = el('input', { type: 'date', id: 'time-date', required: true });
  const dateLabel = el('label', {}, dateText, dateInput);

  const timeText = el('span');
  const timeValue = el('output', { id: 'time-value' });
  const slider = el('input', { type: 'range', id: 'time-of-day', min: '0', max: String(MINUTES_PER_DAY - 1), step: '5' });
  const timeLabel = el('label', {}, timeText, timeValue, slider);

  const play = el('button', { type: 'button', id: 'time-play', className: 'chip' });

  container.append(dateLabel, timeLabel, play);
  const life = new Disposer();
  life.add(() => {
    dateLabel.remove();
    timeLabel.remove();
    play.remove();
  });

  const showClock = () => {
    const seoul = toSeoul(JulianDate.toDate(clock.currentTime));
    if (document.activeElement !== dateInput) dateInput.value = seoul.date;
    slider.value = String(seoul.minutes);
    timeValue.textContent = formatMinutes(seoul.minutes);
  };

  const set = (instant: Date) => {
    clock.currentTime = JulianDate.fromDate(instant);
    showClock();
    viewer.scene.requestRender();
  };

  const fromInputs = () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(dateInput.value)) return;
    set(fromSeoul({ date: dateInput.value, minutes: Number(slider.value) }));
  };
  dateInput.addEventListener('change', fromInputs);
  slider.addEventListener('input', fromInputs);

  const renderPlayLabel = () => {
    play.textContent = clock.shouldAnimate ? t('pause') : t('play');
  };
  play.addEventListener('click', () => {
    clock.multiplier = PLAY_MULTIPLIER;
    clock.shouldAnimate = !clock.shouldAnimate;
    // While playing, render whenever simulated time moves; when paused, only on demand.
    viewer.scene.maximumRenderTimeChange = clock.shouldAnimate ? 0 : Infinity;
    renderPlayLabel();
    viewer.scene.requestRender();
  });
  life.add(
    clock.onTick.addEventListener(() => {
      if (clock.shouldAnimate) showClock();
    }),
  );

  life.add(
    onLanguageChange(() => {
      title.textContent = t('time');
      dateText.textContent = t('date');
      timeText.textContent = t('timeOfDay');
      renderPlayLabel();
    }),
  );

  set(start);
  return { set, current: () => JulianDate.toDate(clock.currentTime), destroy: () => life.destroy() };
}
