/**
 * The rest of a received message header (docs/formats.md#edxml-header): what a clerk reads (pages,
 * copies, scope, typist, appendixes, the documents it answers, the sender's contacts, the agencies
 * it was sent to) in the list, the numeric codes behind "Chi tiết".
 */
import type { ReceivedHeaderFields } from '../../../shared/api/documents.js';
import { useI18n } from '../../i18n.js';
import { Item } from '../../components/MetaItem.js';

export function ReceivedHeader({ fields }: { fields: ReceivedHeaderFields }) {
  const { t } = useI18n();
  const contact = [fields.sender.organAdd, fields.sender.telephone, fields.sender.fax, fields.sender.email, fields.sender.website].map((part) => part.trim()).filter(Boolean);
  return (
    <>
      <dl className="meta-grid received-header">
        {fields.pageAmount !== null ? <Item label={t('meta.pageAmount')}>{fields.pageAmount}</Item> : null}
        {fields.promulgationAmount !== null ? <Item label={t('meta.promulgationAmount')}>{fields.promulgationAmount}</Item> : null}
        {fields.sphereOfPromulgation ? <Item label={t('meta.sphereOfPromulgation')}>{fields.sphereOfPromulgation}</Item> : null}
        {fields.typerNotation ? <Item label={t('meta.typerNotation')}>{fields.typerNotation}</Item> : null}
        {fields.appendixes.length > 0 ? <Item label={t('meta.appendixes')}>{fields.appendixes.join('; ')}</Item> : null}
        {fields.responseFor.length > 0 ? (
          <Item label={t('meta.responseFor')}>{fields.responseFor.map((answered) => [answered.code, answered.promulgationDate].filter(Boolean).join(', ') || answered.documentId).join('; ')}</Item>
        ) : null}
        {contact.length > 0 ? <Item label={t('meta.senderContact')}>{contact.join(' · ')}</Item> : null}
        {fields.to.length > 0 ? <Item label={t('meta.otherRecipients')}>{fields.to.map((organ) => organ.organName || organ.organId).join('; ')}</Item> : null}
      </dl>
      <details className="technical-detail">
        <summary>{t('meta.packageFields')}</summary>
        <ul className="mono">
          <li>{t('meta.typeCode', { type: fields.typeCode ?? t('common.none'), detail: fields.typeDetail ?? t('common.none') })}</li>
          <li>{t('meta.steeringType', { value: fields.steeringType })}</li>
          <li>{t('meta.directionFlag', { value: fields.direction ? 1 : 0 })}</li>
        </ul>
      </details>
    </>
  );
}
