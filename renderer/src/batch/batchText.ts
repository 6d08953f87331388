// Korean and English text of the batch results list and layers.
import { textTable } from '../i18n.js';

export const batchText = textTable({
  ko: {
    title: '일괄 분석 결과',
    running: '{done}/{tiles} 타일 완료, 실행 {running}, 대기 {waiting}, 실패 {failed}',
    eta: '남은 시간 약 {minutes}분',
    finished: '{done}/{tiles} 타일, 실패 {failed}',
    show: '지도에 표시: {output}',
    hide: '닫기: {output}',
    layer: '일괄 결과 {run} ({output})',
    loading: '타일 불러오는 중…',
    unreachable: '결과 목록을 읽을 수 없습니다: {error}',
  },
  en: {
    title: 'Batch results',
    running: '{done}/{tiles} tiles done, {running} running, {waiting} waiting, {failed} failed',
    eta: 'about {minutes} min to go',
    finished: '{done}/{tiles} tiles, {failed} failed',
    show: 'Show on map: {output}',
    hide: 'Close: {output}',
    layer: 'Batch {run} ({output})',
    loading: 'Loading tiles…',
    unreachable: 'Cannot read the batch results: {error}',
  },
});
