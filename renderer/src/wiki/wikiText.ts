// The wiki UI's Korean and English text. It follows the app's language (renderer/src/i18n.ts);
// kept beside the wiki modules so the shared dictionary stays small.
import { language } from '../i18n.js';

const ko = {
  wiki: '시민 위키',
  signedOut: '로그인하면 지도 수정을 제안할 수 있습니다.',
  signedInAs: '로그인:',
  signIn: '로그인',
  signUp: '가입',
  signOut: '로그아웃',
  userName: '이름',
  password: '비밀번호 (8자 이상)',
  cancel: '취소',
  submit: '제안하기',
  addPlace: '장소 추가',
  addNote: '메모 핀',
  reportHydrant: '소화전 문제 신고',
  editBuilding: '건물 정보 수정 제안',
  queue: '검토 대기열',
  clickMap: '지도에서 위치를 클릭하세요 (Esc: 취소)',
  myPending: '내 제안 (검토 대기)',
  editPending: '수정',
  editPendingTitle: '검토 대기 중인 제안 수정',
  saveChanges: '저장',
  exportGeoJson: 'GeoJSON 내보내기',
  importGeoJson: 'GeoJSON 가져오기',
  importResult: '가져오기 결과',
  imported: '가져온 항목',
  skipped: '건너뛴 항목',
  notJson: '이 파일은 JSON이 아닙니다',
  approvedPlaces: '승인된 장소',
  none: '없음',
  pendingTag: '검토 대기',
  name_ko: '이름 (한국어)',
  name_en: '이름 (영어)',
  category: '분류',
  note: '메모',
  text: '메모 내용',
  comment: '수정 설명',
  name: '이름',
  floors: '층수',
  use: '용도',
  facilityNo: '시설 번호',
  problem: '문제',
  approve: '승인',
  reject: '거절',
  rejectReason: '거절 사유',
  revert: '되돌리기',
  history: '수정 이력',
  showOnMap: '지도에서 보기',
  before: '이전',
  after: '제안',
  field: '항목',
  stale: '이 제안 이후 항목이 바뀌었습니다: 승인할 수 없습니다.',
  conflict: '다른 사람이 먼저 수정했습니다. 현재 값:',
  wikiEdits: '시민 위키 수정 (승인됨)',
  by: '작성',
  approvedBy: '승인',
  emptyQueue: '검토할 제안이 없습니다.',
  close: '닫기',
  unavailable: '위키 서버에 연결할 수 없습니다',
  'kind.place': '장소',
  'kind.building': '건물',
  'kind.hydrant': '소화전',
  'kind.note': '메모',
  'status.pending': '검토 대기',
  'status.approved': '승인',
  'status.rejected': '거절',
  'status.reverted': '되돌려짐',
  'category.restaurant': '음식점',
  'category.cafe': '카페',
  'category.shop': '상점',
  'category.public': '공공시설',
  'category.park': '공원',
  'category.transport': '교통',
  'category.culture': '문화',
  'category.health': '의료',
  'category.education': '교육',
  'category.worship': '종교',
  'category.other': '기타',
  'use.residential': '주거',
  'use.commercial': '상업',
  'use.office': '업무',
  'use.public': '공공',
  'use.education': '교육',
  'use.religious': '종교',
  'use.industrial': '공업',
  'use.mixed': '복합',
  'use.other': '기타',
  'problem.missing': '없어짐',
  'problem.damaged': '파손',
  'problem.blocked': '가로막힘',
  'problem.other': '기타',
};

type WikiTextKey = keyof typeof ko;

const en: Record<WikiTextKey, string> = {
  wiki: 'Citizen wiki',
  signedOut: 'Sign in to propose map edits.',
  signedInAs: 'Signed in:',
  signIn: 'Sign in',
  signUp: 'Sign up',
  signOut: 'Sign out',
  userName: 'Name',
  password: 'Password (8+ characters)',
  cancel: 'Cancel',
  submit: 'Propose',
  addPlace: 'Add a place',
  addNote: 'Note pin',
  reportHydrant: 'Report a hydrant problem',
  editBuilding: 'Propose a change',
  queue: 'Review queue',
  clickMap: 'Click the map to choose the spot (Esc cancels)',
  myPending: 'My proposals (pending review)',
  editPending: 'Edit',
  editPendingTitle: 'Edit a pending proposal',
  saveChanges: 'Save',
  exportGeoJson: 'Export GeoJSON',
  importGeoJson: 'Import GeoJSON',
  importResult: 'Import result',
  imported: 'Imported',
  skipped: 'Skipped',
  notJson: 'This file is not JSON',
  approvedPlaces: 'Approved places',
  none: 'none',
  pendingTag: 'pending',
  name_ko: 'Name (Korean)',
  name_en: 'Name (English)',
  category: 'Category',
  note: 'Note',
  text: 'Note text',
  comment: 'Comment on the edit',
  name: 'Name',
  floors: 'Floors',
  use: 'Use',
  facilityNo: 'Facility number',
  problem: 'Problem',
  approve: 'Approve',
  reject: 'Reject',
  rejectReason: 'Reason for rejecting',
  revert: 'Revert',
  history: 'History',
  showOnMap: 'Show on map',
  before: 'Before',
  after: 'Proposed',
  field: 'Field',
  stale: 'The feature changed after this proposal: it cannot be approved.',
  conflict: 'Someone else changed it first. Current values:',
  wikiEdits: 'Citizen wiki edits (approved)',
  by: 'by',
  approvedBy: 'approved by',
  emptyQueue: 'Nothing to review.',
  close: 'Close',
  unavailable: 'The wiki server cannot be reached',
  'kind.place': 'Place',
  'kind.building': 'Building',
  'kind.hydrant': 'Hydrant',
  'kind.note': 'Note',
  'status.pending': 'pending',
  'status.approved': 'approved',
  'status.rejected': 'rejected',
  'status.reverted': 'reverted',
  'category.restaurant': 'Restaurant',
  'category.cafe': 'Café',
  'category.shop': 'Shop',
  'category.public': 'Public facility',
  'category.park': 'Park',
  'category.transport': 'Transport',
  'category.culture': 'Culture',
  'category.health': 'Health',
  'category.education': 'Education',
  'category.worship': 'Worship',
  'category.other': 'Other',
  'use.residential': 'Residential',
  'use.commercial': 'Commercial',
  'use.office': 'Office',
  'use.public': 'Public',
  'use.education': 'Education',
  'use.religious': 'Religious',
  'use.industrial': 'Industrial',
  'use.mixed': 'Mixed',
  'use.other': 'Other',
  'problem.missing': 'Missing',
  'problem.damaged': 'Damaged',
  'problem.blocked': 'Blocked',
  'problem.other': 'Other',
};

export function wt(key: WikiTextKey): string {
  return (language() === 'ko' ? ko : en)[key];
}

/** For keys built from data (category.cafe); falls back to the raw value. */
export function wtMaybe(key: string, fallback: string): string {
  const dict = language() === 'ko' ? ko : en;
  return Object.hasOwn(dict, key) ? dict[key as WikiTextKey] : fallback;
}

/** Creates an element whose text is set with textContent: user text never becomes markup. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  opts: { text?: string; cls?: string; attrs?: Record<string, string> } = {},
  ...children: Node[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (opts.text !== undefined) node.textContent = opts.text;
  if (opts.cls) node.className = opts.cls;
  for (const [k, v] of Object.entries(opts.attrs ?? {})) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

export function button(text: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLButtonElement {
  const b = el('button', { text, cls: 'chip', attrs: { type: 'button', ...attrs } });
  b.addEventListener('click', onClick);
  return b;
}

export function when(iso: string | null): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(language() === 'ko' ? 'ko-KR' : 'en-GB', { timeZone: 'Asia/Seoul', dateStyle: 'short', timeStyle: 'short' });
}
