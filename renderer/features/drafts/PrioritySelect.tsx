/** "Độ khẩn": the urgency of a document, as the draft form and the correction dialog choose it. */
import type { Priority } from '../../../shared/api/documents.js';
import { priorityKey } from '../../../shared/i18n/messages.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n.js';
import { isPriority, PRIORITIES } from './draft-form.js';

export function PrioritySelect({ value, onChange, error }: { value: Priority; onChange(priority: Priority): void; error?: string | null }) {
  const { t } = useI18n();
  return (
    <Field label={t('draft.priority')} error={error}>
      <select
        value={String(value)}
        onChange={(event) => {
          const chosen = Number(event.target.value);
          if (isPriority(chosen)) onChange(chosen);
        }}
      >
        {PRIORITIES.map((priority) => (
          <option key={priority} value={String(priority)}>
            {t(priorityKey(priority))}
          </option>
        ))}
      </select>
    </Field>
  );
}
