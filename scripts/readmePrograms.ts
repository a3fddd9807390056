// The README's TypeScript blocks as programs: consecutive blocks form one program when a later
// block uses a class an earlier one declared (the porting guide's snippet and its message loop).
export function readmePrograms(readme: string): string[] {
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  const out: string[] = [];
  for (const b of blocks) {
    const previous = out.at(-1) ?? '';
    const declared = [...previous.matchAll(/\bclass (\w+)/g)].map((m) => m[1] ?? '');
    if (declared.some((name) => new RegExp(`\\b${name}\\b`).test(b) && !b.includes(`class ${name}`))) out[out.length - 1] += `\n${b}`;
    else out.push(b);
  }
  return out;
}
