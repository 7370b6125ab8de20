// Report text as the reader should see it: one language, markdown links as links, model
// internals recognised so they can go under "Technical details". No DOM here except the
// nodes richText builds (text nodes and <a> through the caller's link factory).

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const MARKDOWN_LINK = /\[([^\]\n]{1,300})\]\((https?:\/\/[^\s)]{1,2000})\)/g;
// Evidence that is the engine's working, not a quote from the page.
const INTERNALS = /(^|[\s;(])(p|model|similarity|score)\s*[=:]|\bwords:|\bcues:|shared terms|\s->\s|\(official:/i;

export function hasCjk(text) {
  return CJK.test(String(text ?? ""));
}

// Link titles the engine writes in one language only (report links are plain strings):
// the reader's form of each known template. [pattern, en, zh] with $1.. from the pattern.
const LINK_TEMPLATES = [
  [/^Search (.+) \(([^()]+)\)$/, "Search $1 ($2)", "在 $2 搜索"],
  [/^在(.+)官网（([^（）]+)）搜索$/, "Search $2", "在$1官网（$2）搜索"],
  [/^Web search: (.+)$/, "Web search: $1", "网页搜索：$1"],
  [/^百度搜索：(.+)$/, "Baidu search: $1", "百度搜索：$1"],
  [/^PubMed author search: (.+)$/, "PubMed author search: $1", "PubMed 作者搜索：$1"],
  [/^ORCID search: (.+)$/, "ORCID search: $1", "ORCID 搜索：$1"],
  [/^好大夫在线：(.+)$/, "Haodf: $1", "好大夫在线：$1"],
  [/^丁香园：(.+)$/, "DXY: $1", "丁香园：$1"],
  [/^Open ((?:DOI|PMID|PMCID|NCT|ARXIV) .+)$/, "Open $1", "打开 $1"],
  [/^Google 事实核查工具 \(Fact Check Explorer\)$/, "Google Fact Check Explorer", "Google 事实核查工具"],
  [/^Google Fact Check Explorer$/, "Google Fact Check Explorer", "Google 事实核查工具"],
  [/^World Health Organization \(WHO\)$/, "World Health Organization (WHO)", "世界卫生组织"],
  [/^国家卫生健康委员会$/, "National Health Commission of China", "国家卫生健康委员会"],
  [/^中国疾控中心$/, "Chinese Center for Disease Control and Prevention", "中国疾控中心"],
];

function fromTemplate(text, lang) {
  for (const [pattern, en, zh] of LINK_TEMPLATES) {
    const match = text.match(pattern);
    if (match) return (lang === "zh" ? zh : en).replace(/\$(\d)/g, (_, i) => match[Number(i)] ?? "");
  }
  return text;
}

/**
 * A link title in the reader's language. Titles written "English / 中文" (or the other
 * way round) keep the side in that language; anything else is kept as it is.
 */
export function pickLinkTitle(title, lang) {
  if (title && typeof title === "object") return String(title[lang] ?? title.en ?? "");
  const text = String(title ?? "");
  const parts = text.split(" / ");
  if (parts.length !== 2) return fromTemplate(text, lang);
  let [a, b] = parts;
  const tail = b.match(/[:：]\s*([^\s:：]+)$/); // "Official site / 官方网站: who.int"
  if (tail && !a.includes(tail[1])) a = `${a}: ${tail[1]}`;
  const zhFirst = cjkCount(a) >= cjkCount(b);
  const [zh, en] = zhFirst ? [a, b] : [b, a];
  return (lang === "zh" ? zh : en).trim();
}

function cjkCount(text) {
  return (text.match(new RegExp(CJK.source, "g")) ?? []).length;
}

/**
 * In the Chinese view, drop clauses the knowledge base only has in English: a "：…。"
 * tail or a "（…）" aside made of Latin words and no Chinese (e.g. "：top national
 * hospital。"). Names inside Chinese sentences stay.
 */
export function hideUntranslated(text, lang) {
  const value = String(text ?? "");
  if (lang !== "zh") return value;
  return value
    .replace(/：([^：。\n]*)(?=。)/g, (whole, clause) => (isEnglishClause(clause) ? "" : whole))
    .replace(/（([^（）\n]*)）/g, (whole, clause) => (isEnglishClause(clause) ? "" : whole));
}

/** English prose (a lowercase word), not a name ("Amina Patel") and not an address. */
function isEnglishClause(clause) {
  return /\b[a-z]{3,}\b/.test(clause) && !hasCjk(clause) && !/https?:\/\//.test(clause);
}

export function isInternals(evidence) {
  return INTERNALS.test(String(evidence ?? ""));
}

/** Split "see [the debunk](https://…)" into text and {text, url} parts. */
export function markdownParts(text) {
  const value = String(text ?? "");
  const parts = [];
  let last = 0;
  for (const match of value.matchAll(MARKDOWN_LINK)) {
    if (match.index > last) parts.push(value.slice(last, match.index));
    parts.push({ text: match[1], url: match[2] });
    last = match.index + match[0].length;
  }
  if (last < value.length) parts.push(value.slice(last));
  return parts;
}

/** The message without markdown syntax: "[title](url)" becomes "title (url)". */
export function plainText(text) {
  return markdownParts(text)
    .map((part) => (typeof part === "string" ? part : `${part.text} (${part.url})`))
    .join("");
}

/** Origin key -> catalog key: "json-ld" -> "origin_json_ld", "#js_name" -> "origin_js_name". */
export function originKeys(origin) {
  return String(origin ?? "")
    .split("/")
    .map((part) => part.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, ""))
    .filter(Boolean)
    .map((part) => `origin_${part}`);
}
