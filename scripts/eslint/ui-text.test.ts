/**
 * The "no text outside the message table" rule (ui-text.js): English or any other literal text
 * reaching the renderer's JSX is reported; message keys, data, symbols and non-text attributes are not.
 */
import { ESLint } from 'eslint';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function uiTextErrors(source: string, file = 'renderer/features/x/Probe.tsx'): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'vanthu/ui-text').map((m) => m.message);
}

const component = (jsx: string) => `import { useI18n } from '../../i18n.js';
export function Probe({ on, name }: { on: boolean; name: string }) {
  const { t } = useI18n();
  void on; void name; void t;
  return (${jsx});
}
`;

describe('ui-text lint rule', () => {
  it.each([
    ['English text between tags', '<p>Save changes</p>'],
    ['Vietnamese text between tags', '<p>Lưu thay đổi</p>'],
    ['a literal child expression', "<p>{'Loading…'}</p>"],
    ['a literal in a conditional child', "<p>{on ? 'Yes' : t('common.none')}</p>"],
    ['a template child with words', '<p>{`${name} items`}</p>'],
    ['a literal title', '<button type="button" title="Delete this row">×</button>'],
    ['a literal placeholder', '<input placeholder="Search…" />'],
    ['a literal aria-label', '<nav aria-label="Main navigation" />'],
    ['a conditional aria-label', "<nav aria-label={on ? 'Open' : t('common.none')} />"],
    ['a component label prop', '<Field label="Subject"><input /></Field>'],
    ['an alert', "<button type=\"button\" onClick={() => window.alert('Done')}>{t('common.cancel')}</button>"],
  ])('reports %s', async (_, jsx) => {
    expect(await uiTextErrors(component(jsx))).toHaveLength(1);
  });

  it.each([
    ['text from t()', "<p>{t('common.loading')}</p>"],
    ['data', '<p>{name}</p>'],
    ['symbols', '<p>× — ← * · {name}</p>'],
    ['a message key handed to a component', '<Heading heading="signing.leader.heading" />'],
    ['attributes that are not shown', '<input type="text" className="header-search-input" autoComplete="off" inputMode="numeric" data-focus-target="search" />'],
    ['call arguments and comparisons', "<p className={on ? 'row-urgent' : undefined}>{name === 'inbox' ? t('nav.inbox') : t(`nav.${name}` as 'nav.inbox')}</p>"],
  ])('allows %s', async (_, jsx) => {
    expect(await uiTextErrors(component(jsx))).toEqual([]);
  });

  it('leaves tests alone', async () => {
    expect(await uiTextErrors(component('<p>Save</p>'), 'renderer/features/x/Probe.test.tsx')).toEqual([]);
  });
});
