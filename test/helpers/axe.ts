// axe-core in real Chromium: the serious and critical findings on a page, one readable line each.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's serious and critical findings on the page (every frame of it) or in the element that
 * `selector` finds, one readable line per element: rule, impact, what it checks, where, why it failed.
 */
export async function seriousFindings(page: Page, selector?: string): Promise<string[]> {
  // Evaluated through the debugging protocol: the pages' own CSP (no inline script) does not apply.
  for (const frame of page.frames()) if (!(await frame.evaluate(() => 'axe' in window))) await frame.evaluate(AXE_SOURCE);
  const results: AxeResults = await page.evaluate(
    (include) => (window as unknown as { axe: { run(context: unknown, options: object): Promise<AxeResults> } }).axe.run(include ?? document, { resultTypes: ['violations'] }),
    selector,
  );
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id} (${violation.impact}): ${violation.help} | ${node.target.join(' ')} | ${(node.failureSummary ?? '').replaceAll('\n', ' ')}`),
    );
}

