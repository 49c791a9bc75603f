import { mdxToMdast } from 'satteri';
const f = { gfm: true, frontmatter: true, smartPunctuation: true } as const;
const show = (s: string) => { try { console.log(JSON.stringify(mdxToMdast(s, { features: f }), (k, v) => k === 'position' ? (v ? `${v.start.line}:${v.start.column}(${v.start.offset})-${v.end.line}:${v.end.column}(${v.end.offset})` : v) : v)); } catch (e) { console.log('ERR', String(e).slice(0, 200)); } };
show('é "q" x\n\n<Internal>\n\nsecret\n\n</Internal >\n');
show('# Title <Internal>x</Internal>\n');
show('| a | b |\n|---|---|\n| <Internal>x | y</Internal> |\n');
show('![alt <Internal>x</Internal>](https://a)\n');
show('Text[^1]\n\n[^1]: <Internal>x</Internal>\n');
show('- a\n\n  <Internal>\n  hidden\n  </Internal>\n');
