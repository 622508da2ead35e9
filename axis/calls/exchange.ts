/**
 * The exchange calls: sending a package, the receiver's list, download and transport
 * acknowledgement, and the sender's view of its deliveries.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { VXP_ERROR, type VxpCall, type VxpReceivedRow, type VxpSentRow } from '../../shared/axis/vxp.js';
import { AxisFailure, badRequest } from '../envelope.js';
import type { AgencyRecord, AxisStore, DeliveryStatus, MessageType, PackageRecord } from '../store/axis-store.js';
import { receiveUpload } from '../upload.js';
import { inspectPackage, type InspectedPackage } from '../package-inspection.js';
import { type CallContext, type CallHandler, FileReply, parseMessageType, requireParam } from './context.js';

const FILE_FIELD = 'file_doc';
const SERVICE_TYPE = 'eDoc';
const MAX_RECIPIENTS = 1000;
const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const ACK_STATUSES: ReadonlySet<string> = new Set<DeliveryStatus>(['done', 'fail', 'processing']);
const FINAL_STATUSES: ReadonlySet<string> = new Set<DeliveryStatus>(['done', 'fail']);

async function sendEdoc({ params, req, store, files, uploadLimitBytes }: CallContext, agency: AgencyRecord): Promise<string> {
  const from = requireParam(params, 'from');
  if (from !== agency.code) {
    throw new AxisFailure(VXP_ERROR.senderNotRegistered, `from ${from} is not the authenticated agency ${agency.code}`);
  }
  if (requireParam(params, 'servicetype') !== SERVICE_TYPE) throw badRequest(`servicetype must be ${SERVICE_TYPE}`);
  const messageType = parseMessageType(requireParam(params, 'messagetype'));
  // The SDK sends `to`; without it the axis routes on the package itself, as the real one does.
  const declaredReceivers = params.to === undefined ? null : parseReceivers(params.to);
  const declaredHash = requireParam(params, 'hash-file').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(declaredHash)) throw badRequest('hash-file must be the SHA-256 of file_doc in hex');
  if (declaredReceivers) checkReceivers(store, declaredReceivers);

  const upload = await receiveUpload(req, files, { field: FILE_FIELD, limitBytes: uploadLimitBytes });
  if (upload.kind === 'malformed') throw badRequest(upload.reason);
  if (upload.kind === 'too_large') throw new AxisFailure(VXP_ERROR.invalidFile, `file_doc is larger than the axis limit of ${uploadLimitBytes} bytes`);
  if (upload.kind === 'failed') throw upload.error;
  if (upload.sha256 !== declaredHash) {
    await files.discard(upload.tempPath);
    throw new AxisFailure(VXP_ERROR.invalidFile, 'hash-file does not match the SHA-256 of the uploaded file_doc');
  }
  let receivers: string[];
  try {
    receivers = checkPackage(await inspectPackage(upload.tempPath), messageType, agency, declaredReceivers);
    checkReceivers(store, receivers);
  } catch (error) {
    await files.discard(upload.tempPath);
    throw error;
  }

  const docId = randomUUID();
  const filePath = await files.commit(upload.tempPath, docId);
  let kept: PackageRecord;
  try {
    kept = store.insertPackage(
      { docId, messageType, sender: agency.code, sha256: upload.sha256, size: upload.size, createdTime: new Date().toISOString(), filePath },
      receivers,
    );
  } catch (error) {
    await files.remove(filePath);
    throw error;
  }
  // The same sender sent these bytes before (a retry): the first package is the one.
  if (kept.docId !== docId) await files.remove(filePath);
  return kept.docId;
}

/** The package must be what the headers say, from whom the credentials say (docs/formats.md#edxml-reading: From/OrganId). */
function checkPackage(inspected: InspectedPackage, messageType: MessageType, agency: AgencyRecord, declared: string[] | null): string[] {
  if (inspected.kind !== messageType) throw new AxisFailure(VXP_ERROR.notEdxml, `messagetype is ${messageType} but file_doc is a ${inspected.kind === 'edoc' ? 'document' : 'status'} package`);
  if (inspected.from !== agency.code) {
    throw new AxisFailure(VXP_ERROR.senderNotRegistered, `the package's From/OrganId ${inspected.from} is not the authenticated agency ${agency.code}`);
  }
  const receivers = declared ?? [...new Set(inspected.receivers)];
  if (receivers.length === 0) throw new AxisFailure(VXP_ERROR.unknownRecipient, 'the package names no recipient');
  return receivers;
}

function parseReceivers(value: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw badRequest('to must be a JSON array of agency codes');
  }
  if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((code) => typeof code === 'string' && code !== '')) {
    throw badRequest('to must be a non-empty JSON array of agency codes');
  }
  if (parsed.length > MAX_RECIPIENTS) throw badRequest(`to lists more than ${MAX_RECIPIENTS} recipients`);
  return [...new Set(parsed as string[])];
}

function checkReceivers(store: AxisStore, codes: readonly string[]): void {
  const agencies = codes.map((code) => ({ code, agency: store.getAgency(code) }));
  const unknown = agencies.filter(({ agency }) => !agency || agency.deleted).map(({ code }) => code);
  if (unknown.length > 0) throw new AxisFailure(VXP_ERROR.unknownRecipient, `unknown recipient: ${unknown.join(', ')}`);
  const locked = agencies.filter(({ agency }) => agency?.locked).map(({ code }) => code);
  if (locked.length > 0) throw new AxisFailure(VXP_ERROR.recipientLocked, `recipient locked on the axis: ${locked.join(', ')}`);
}

function getReceivedEdocList({ params, store }: CallContext, agency: AgencyRecord): VxpReceivedRow[] {
  const rows = store.listReceived({
    receiver: agency.code,
    messageType: params.messagetype ? parseMessageType(params.messagetype) : undefined,
    from: dateParam(params.fromdate, 'fromDate', 0),
    to: dateParam(params.todate, 'toDate', DAY_MS - 1),
  });
  return rows.map((row) => ({
    docId: row.docId,
    serviceType: SERVICE_TYPE,
    messageType: row.messageType,
    created_time: row.createdTime,
    updated_time: row.updatedTime,
    from: row.sender,
    to: row.receiver,
    status: row.status,
    status_desc: row.statusDesc,
  }));
}

/**
 * [I] A bare date means that calendar day in Vietnam (UTC+7); `offsetMs` moves it within the
 * day, so that toDate covers the whole day. A date-time is taken as given.
 */
function dateParam(value: string | undefined, name: string, offsetMs: number): string | undefined {
  if (!value) return undefined;
  const time = DATE_ONLY.test(value) ? Date.parse(`${value}T00:00:00+07:00`) + offsetMs : Date.parse(value);
  if (Number.isNaN(time)) throw badRequest(`${name} must be an ISO 8601 date or date-time`);
  return new Date(time).toISOString();
}

/** The package, if `docId` is addressed to this agency; the same refusal whether it exists or not. */
function receivedPackage(store: AxisStore, docId: string, agency: AgencyRecord): PackageRecord {
  const pkg = store.getDelivery(docId, agency.code) && store.getPackage(docId);
  if (!pkg) throw new AxisFailure(VXP_ERROR.invalidFile, `docId ${docId} is not addressed to ${agency.code}`);
  return pkg;
}

async function getEdoc({ params, store, files }: CallContext, agency: AgencyRecord): Promise<string> {
  const pkg = receivedPackage(store, requireParam(params, 'docid'), agency);
  return (await readFile(files.resolve(pkg.filePath))).toString('base64');
}

function downloadEdoc({ params, store }: CallContext, agency: AgencyRecord): FileReply {
  return new FileReply(receivedPackage(store, requireParam(params, 'docid'), agency).filePath);
}

function updateStatus({ params, store }: CallContext, agency: AgencyRecord): null {
  const docId = requireParam(params, 'docid');
  const status = requireParam(params, 'status');
  if (!ACK_STATUSES.has(status)) throw badRequest('status must be done, fail or processing');
  const delivery = store.getDelivery(docId, agency.code);
  if (!delivery) throw new AxisFailure(VXP_ERROR.invalidFile, `docId ${docId} is not addressed to ${agency.code}`);
  if (FINAL_STATUSES.has(delivery.status)) {
    // A repeated acknowledgement (the answer to the first one was lost) is fine; a change is not.
    if (delivery.status === status) return null;
    throw new AxisFailure(VXP_ERROR.invalidFile, `docId ${docId} was already acknowledged as ${delivery.status}`);
  }
  store.updateDelivery(docId, agency.code, status as DeliveryStatus, params.description ?? '');
  return null;
}

function getSentEdocList({ params, store }: CallContext, agency: AgencyRecord): VxpSentRow[] {
  const docId = requireParam(params, 'docid');
  const pkg = store.getPackage(docId);
  if (!pkg || pkg.sender !== agency.code) throw new AxisFailure(VXP_ERROR.invalidFile, `docId ${docId} was not sent by ${agency.code}`);
  return store.listDeliveries(docId).map((delivery) => ({
    senderDocId: pkg.docId,
    receiverDocId: pkg.docId,
    fromCode: pkg.sender,
    toCode: delivery.receiver,
    sentTime: pkg.createdTime,
    receivedTime: delivery.receivedTime,
    sendStatus: 'done',
    sendStatusDesc: 'accepted by the axis',
    receiveStatus: delivery.status,
    receiveStatusDesc: delivery.statusDesc,
  }));
}

function counter(messageType: MessageType): CallHandler {
  return { audience: 'agency', run: ({ store }, agency) => store.countReceived(agency.code, messageType) };
}

export const EXCHANGE_CALLS = {
  sendEdoc: { audience: 'agency', run: sendEdoc },
  getReceivedEdocList: { audience: 'agency', run: getReceivedEdocList },
  getEdoc: { audience: 'agency', run: getEdoc },
  downloadEdoc: { audience: 'agency', run: downloadEdoc },
  updateStatus: { audience: 'agency', run: updateStatus },
  getSentEdocList: { audience: 'agency', run: getSentEdocList },
  countReceiveEdoc: counter('edoc'),
  countReceiveStatus: counter('status'),
} satisfies Partial<Record<VxpCall, CallHandler>>;
