/**
 * "Vào sổ": which register a number is taken from, shown only where the agency keeps more than
 * one open register of that direction; otherwise the core's default register is used.
 */
import { useState, type ReactNode } from 'react';
import type { RegisterDirection } from '../../../shared/api/registers.js';
import { useApiQuery } from '../../api/client.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n.js';

/**
 * The chosen register's id (undefined: the default one) and the control to choose it, or null when
 * there is no choice. `needed`: whether this screen takes a number now; the list is read only then.
 */
export function useRegisterChoice(direction: RegisterDirection, needed: boolean): { register: number | undefined; control: ReactNode } {
  const { t } = useI18n();
  const registers = useApiQuery('registers.list', {}, { enabled: needed });
  const open = (registers.data ?? []).filter((r) => r.direction === direction && r.active);
  const [chosen, setChosen] = useState<number | null>(null);
  if (open.length < 2) return { register: undefined, control: null };
  const value = chosen ?? open.find((r) => r.isDefault)?.id ?? open[0]!.id;
  const control = (
    <Field label={t('registers.choose')}>
      <select value={value} onChange={(event) => setChosen(Number(event.target.value))}>
        {open.map((r) => (
          <option key={r.id} value={r.id}>
            {r.scope ? `${r.name} — ${r.scope}` : r.name}
          </option>
        ))}
      </select>
    </Field>
  );
  return { register: chosen ?? undefined, control };
}
