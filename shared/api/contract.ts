/**
 * The one API between the renderer and the VanThu core. Both transports (the Electron preload
 * and the browser-mode HTTP host) carry exactly these calls and events, and the core validates
 * every input against these schemas before a handler sees it: the renderer is never trusted.
 */
import { z } from 'zod';
import type { AgencyMatch } from '../domain/agency.js';
import type { AppState } from './state.js';
import type { AdminPolicyReading } from './policy.js';
import type { BackupInfo } from './backup.js';
import type { AxisTestResult, DiagnosticsInfo } from './diagnostics.js';
import type { SyncStatus } from './sync-status.js';
import { draftFieldsSchema, prioritySchema } from './draft-field-schema.js';
import { attachmentContentType, attachmentName } from './attachment-schema.js';
import { MAX_ATTACHMENT_BYTES, MAX_SIGNING_IMAGE_BYTES, MAX_TRUST_ANCHOR_BYTES, SEAL_DIAMETER_MM } from './limits.js';
import type { SigningImage, SigningPlacement, SigningSettings, TokenSummary } from './signing.js';
import type { TrustAnchor, TrustAnchorList } from './trust-anchors.js';
import { ACCEPT_VERDICTS, type DocumentVerification } from './verification.js';
import type { DesktopPreferences, MenuCommand } from './desktop.js';
import { LANGUAGES } from '../i18n/messages.js';
import { REPORT_KINDS, type CountRow, type ExportedFile, type OverdueRow, type ProcessingTimes, type RegisterInfo, type RegisterPage } from './registers.js';
import type { AttachmentLink } from './file-links.js';
import type { AttachmentInfo, DocumentDetail, DocumentSummary, OutboxItem, QuarantineItem } from './documents.js';
import { DOCUMENT_DIRECTIONS, DOCUMENT_STATES, SEARCH_RANKED_WINDOW, type DocumentSearchPage } from './document-search.js';
import { COPY_KINDS, type CertifiedCopy, type Dossier, type DossierContentsRow, type DossierFiling, type Handover } from './records.js';
import type { AttachmentText, ContentSearchPage, SavedSearch } from './content-search.js';
import { ARRIVAL_ORIGINS, type IntakeItem } from './intake.js';
import { INBOX_TABS, type InboxCounts } from '../domain/inbox-tabs.js';
import type { RecipientGroup } from './recipient-groups.js';
import type { ArrivalWorkItem } from './arrival-work.js';
import { calendarDate } from '../hub/deadlines.js';
import { MAX_HANDLING_DAYS } from '../domain/handling-deadline.js';
import type { WorkReport } from '../hub/work-report.js';
import type { DeskNotice, DeskNotices, DeskWork, HubCommandItem, HubDirectory, HubDocumentFiles, HubLinkStatus, UnitWorkItem } from './hub-link.js';
import type { DocumentWorkflow, OverdueOverview } from '../hub/workflow.js';
import { AUDIT_KIND_NAMES, type AuditChainVerdict, type AuditKind, type AuditPage } from '../hub/audit-log.js';
import { MAX_NOTICES_READ, noticeKey } from '../hub/deadlines.js';
import type { RegisterAccess } from '../hub/registers.js';
import type { HubSigningView } from './hub-signing.js';
import { MAX_AGENCIES_PER_CALL, type HubAgencyPage } from '../hub/agencies.js';
import { COMMAND_KINDS, commandPayloads, type CommandKind } from '../hub/commands.js';

const recordId = z.number().int().positive();
/** An agency code as setup.connectAxis takes it (the AgencyCode admin policy is held to it too). */
export const typedAgencyCode = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dots, dashes or underscores');

const noInput = z.object({}).strict();
/** A search of the agency directory: this desk's copy (agencies.search) or the agency server's (hub.agencies). */
const agencySearch = z
  .object({
    query: z.string().max(200),
    limit: z.number().int().min(1).max(500),
    offset: z.number().int().min(0).max(1_000_000),
  })
  .strict();
/** A file the person chose for a draft: at a standalone desk (attachments.add) or one of the agency server (hub.attachFile). */
const fileForDraft = z
  .object({
    documentId: recordId,
    name: attachmentName,
    contentType: attachmentContentType,
    bytes: z.instanceof(Uint8Array).refine((bytes) => bytes.length > 0 && bytes.length <= MAX_ATTACHMENT_BYTES, 'must be 1 byte to 100 MB'),
  })
  .strict();
const agencyId = z.string().regex(/^[\p{L}\p{N}._-]{1,64}$/u, 'an agency id from the directory');
const reason = z.string().trim().min(1, 'a reason is required').max(500);
const isoDate = z.iso.date();
/** Search dates are bounded: an open range is closed at these years (see document-facets). */
const searchDate = isoDate.refine((date) => date >= '1990-01-01' && date <= '2100-12-31', 'a date between 1990 and 2100');
const priority = prioritySchema;
const page = { limit: z.number().int().min(1).max(500), offset: z.number().int().min(0).max(10_000_000) };

/** What a clerk edits on a draft before sending it: defined once, in draft-fields.ts. */
export const draftFields = draftFieldsSchema;

/** A signature with a token certificate; the PIN travels only in this call. */
const tokenSignature = z
  .object({
    id: recordId,
    slot: z.string().regex(/^[0-9a-f]{1,32}$/i, 'a slot from signing.listTokens'),
    certificateId: z.string().regex(/^[0-9a-f]{1,256}$/i, 'a certificate id from signing.listTokens'),
    pin: z.string().min(4).max(64),
    /** Needed when the token says the next wrong PIN locks it (CKF_USER_PIN_FINAL_TRY). */
    confirmFinalTry: z.boolean().optional(),
  })
  .strict();

// ── Signing settings: images and seal size ─────────────────────────
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const certificateSha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a certificate sha256 from signing.listTokens');
/** Which image: the signature of one certificate (several leaders share a clerk's computer) or this computer's default, or the agency's seal. */
const imageTarget = { kind: z.enum(['signature', 'seal']), certificateSha256: certificateSha256.optional() };
const sealHasNoCertificate = (input: { kind: string; certificateSha256?: string | undefined }) => input.kind === 'signature' || input.certificateSha256 === undefined;
const sealCertificateError = { path: ['certificateSha256'], message: 'the seal belongs to the agency, not to a certificate' };
/** The core decodes it again and checks its pixel size (pngjs) before storing it. */
const pngBytes = z
  .instanceof(Uint8Array)
  .refine((bytes) => bytes.length > 0 && bytes.length <= MAX_SIGNING_IMAGE_BYTES, 'must be 1 byte to 2 MB')
  .refine((bytes) => PNG_SIGNATURE.every((byte, i) => bytes[i] === byte), 'must be a PNG file');
const signingSettingsInputs = {
  /** Sets (png) or removes (null) a signature or seal image; a removed one falls back to the next level. */
  'signing.setImage': z
    .object({ ...imageTarget, holder: z.string().trim().max(300).optional(), png: pngBytes.nullable() })
    .strict()
    .refine(sealHasNoCertificate, sealCertificateError)
    .refine((input) => input.certificateSha256 !== undefined || input.holder === undefined, { path: ['holder'], message: 'a holder names a certificate image only' }),
  /** The image a signature would use now (the fallback applied), for the preview. */
  'signing.readImage': z.object(imageTarget).strict().refine(sealHasNoCertificate, sealCertificateError),
  'signing.setSealDiameter': z.object({ mm: z.number().min(SEAL_DIAMETER_MM.min).max(SEAL_DIAMETER_MM.max) }).strict(),
  /** Sets a certificate as a person's or an organisation's where its subject does not say (null: its subject decides again). */
  'signing.setCertificateKind': z.object({ certificateSha256, kind: z.enum(['person', 'organization']).nullable() }).strict(),
} as const;

// ── Placement of the issuing steps' boxes (docs/formats.md#signature-layout) ──
/** Points from the top-left corner of the page as shown; the core checks the box lies on its page. */
const pageBox = z
  .object({
    page: z.number().int().min(1).max(100_000),
    x: z.number().min(0).max(14_400),
    y: z.number().min(0).max(14_400),
    width: z.number().positive().max(14_400),
    height: z.number().positive().max(14_400),
  })
  .strict();
const placementInputs = {
  /** The boxes of the issuing steps and the agency's stamp as they would be drawn; `leader` previews a box the clerk is moving. */
  'documents.signingPlacement': z.object({ id: recordId, leader: pageBox.optional() }).strict(),
} as const;
/** Boxes the clerk placed in the viewer (each remembered for the template). */
const placementBoxes = z.object({ number: pageBox.optional(), date: pageBox.optional(), leader: pageBox.optional() }).strict();

// ── Registers and reports ──────────────────────────────────────────
const registerYear = z.number().int().min(1990).max(2200);
const period = z
  .object({ from: isoDate, to: isoDate })
  .strict()
  .refine((input) => input.from <= input.to, { path: ['to'], message: 'must not be before the start date' });
const registerInputs = {
  'registers.list': noInput,
  /** A new register (e.g. for secret documents); its code names its series of numbers for good. */
  'registers.create': z
    .object({
      code: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes'),
      name: z.string().trim().min(1).max(200),
      direction: z.enum(['in', 'out']),
      scope: z.string().trim().max(300),
    })
    .strict(),
  /** Closes a register (its book stays; no new numbers) or reopens it; the default registers stay open. */
  'registers.setActive': z.object({ register: recordId, active: z.boolean() }).strict(),
  'registers.entries': z.object({ register: recordId, year: registerYear, ...page }).strict(),
  /** The whole book of a year as a file, laid out like the paper register. */
  'registers.export': z.object({ register: recordId, year: registerYear, format: z.enum(['pdf', 'xlsx']) }).strict(),
  'reports.counts': period.safeExtend({ groupBy: z.enum(['month', 'agency', 'type']), limit: z.number().int().min(1).max(500).optional() }),
  'reports.processingTimes': period,
  'reports.overdue': z.object({ limit: z.number().int().min(1).max(10_000).optional() }).strict(),
  'reports.export': period.safeExtend({ kind: z.enum(REPORT_KINDS), format: z.enum(['pdf', 'xlsx']) }),
} as const;

// ── Records: certified copies, dossiers, handover to the archive ──
const tokenChoice = tokenSignature.omit({ id: true });
const dossierYear = z.number().int().min(1990).max(2200);
/** Years to keep (1–100), or null for permanent. */
const retentionYears = z.number().int().min(1).max(100).nullable();
const recordsInputs = {
  /** A sao y / sao lục / trích sao of a received or issued document, signed by the agency's token. */
  'copies.create': tokenChoice
    .safeExtend({
      documentId: recordId,
      kind: z.enum(COPY_KINDS),
      /** Sao lục: the sao y it is made from. */
      sourceCopyId: recordId.optional(),
      /** Trích sao: the pages, e.g. "1-2,4". */
      pages: z.string().trim().regex(/^\d{1,4}(-\d{1,4})?(,\s*\d{1,4}(-\d{1,4})?)*$/, 'pages such as 1-2,4').max(100).optional(),
      note: z.string().trim().max(500),
    })
    .refine((input) => (input.kind === 'SL') === (input.sourceCopyId !== undefined), { path: ['sourceCopyId'], message: 'a sao lục names its sao y; other copies do not' })
    .refine((input) => (input.kind === 'TrS') === (input.pages !== undefined), { path: ['pages'], message: 'a trích sao names its pages; other copies do not' }),
  'copies.list': z.object({ documentId: recordId }).strict(),
  'copies.read': z.object({ id: recordId }).strict(),
  /** The copies register's book of a year. */
  'copies.export': z.object({ year: registerYear, format: z.enum(['pdf', 'xlsx']) }).strict(),
  /** The year's list of dossiers (danh mục hồ sơ). */
  'dossiers.list': z.object({ year: dossierYear }).strict(),
  'dossiers.create': z
    .object({
      year: dossierYear,
      code: z.string().trim().min(1).max(20).regex(/^[\p{L}\p{N}.\-/]+$/u, 'letters, digits, dots, dashes or slashes, e.g. 01.VP'),
      heading: z.string().trim().max(300),
      title: z.string().trim().min(1).max(500),
      retentionYears,
      keeper: z.string().trim().min(1).max(100),
      unit: z.string().trim().max(200),
      typeNames: z.array(z.string().trim().min(1).max(100)).max(32),
      description: z.string().trim().max(500),
    })
    .strict(),
  /** Closes a dossier when its work is done; the retention may be set again then. */
  'dossiers.close': z.object({ id: recordId, retentionYears: retentionYears.optional() }).strict(),
  /** The dossiers a document is in, and the open ones it may go in, likeliest first. */
  'dossiers.forDocument': z.object({ documentId: recordId }).strict(),
  'dossiers.file': z.object({ dossierId: recordId, documentId: recordId }).strict(),
  'dossiers.unfile': z.object({ dossierId: recordId, documentId: recordId }).strict(),
  /** Its table of contents (mục lục văn bản). */
  'dossiers.contents': z.object({ id: recordId }).strict(),
  'dossiers.exportContents': z.object({ id: recordId, format: z.enum(['pdf', 'xlsx']) }).strict(),
  'dossiers.exportList': z.object({ year: dossierYear, format: z.enum(['pdf', 'xlsx']) }).strict(),
  /** Closed dossiers not handed over yet, the due ones first. */
  'dossiers.awaitingHandover': noInput,
  /** Packs closed dossiers for the archive, the list signed by the agency's token. */
  'handover.export': tokenChoice.safeExtend({ dossiers: z.array(recordId).min(1).max(500) }),
  'handover.list': noInput,
  'handover.read': z.object({ id: recordId }).strict(),
  /** The archive's receipt (biên bản giao nhận): who received it and when. */
  'handover.recordReceipt': z
    .object({ id: recordId, receivedOn: isoDate, receivedBy: z.string().trim().min(1).max(200), note: z.string().trim().max(1000) })
    .strict(),
} as const;

// ── Where the clerk works: inbox tabs, undo, recipient groups ─────
const clerkDeskInputs = {
  /** How many incoming documents each inbox tab holds (the nav badge is `waiting`). */
  'documents.inboxCounts': noInput,
  /** Takes back a held "Đang xử lý" (05) or "Hoàn thành" (06) before it leaves for the axis (docs/architecture.md, "Undo"). */
  'documents.undoStatus': z.object({ id: recordId }).strict(),
  'recipientGroups.list': noInput,
  /** Creates (no id) or replaces a group: its name and its members, in order. */
  'recipientGroups.save': z
    .object({ id: recordId.optional(), name: z.string().trim().min(1).max(200), members: z.array(agencyId).min(1, 'a group needs at least one agency').max(500) })
    .strict(),
  'recipientGroups.remove': z.object({ id: recordId }).strict(),
} as const;

// ── Điều hành in standalone mode: the one person's deadline, instruction and "Việc của tôi" ──
const arrivalWorkInputs = {
  /** The open registered arrivals (accepted, assigned, in progress), soonest deadline first. */
  'work.list': noInput,
  /** One arrival's deadline and instruction; null when it is not a registered arrival still open. */
  'work.get': z.object({ documentId: recordId }).strict(),
  /** Sets an open arrival's deadline (a day, or working days after its registration) and instruction. */
  'work.save': z
    .object({
      documentId: recordId,
      deadline: z.union([z.object({ date: calendarDate }).strict(), z.object({ workingDays: z.number().int().min(0).max(MAX_HANDLING_DAYS) }).strict()]),
      instruction: z.string().trim().max(2000),
    })
    .strict(),
  /** Records the due-soon and overdue reminders not given yet, once per (document, kind, deadline), and announces them (the hub.notices event). */
  'work.remind': noInput,
} as const;

// ── Agency mode: the desk's link to the agency server (hub) ───────
/** A command as the desk queues it: the core gives it its id (UUIDv7). */
const queuedCommand = z.discriminatedUnion(
  'kind',
  COMMAND_KINDS.map((kind) => z.object({ kind: z.literal(kind), payload: commandPayloads[kind] }).strict()) as unknown as [z.ZodObject<{ kind: z.ZodLiteral<CommandKind>; payload: z.ZodType }>],
);
const hubLinkInputs = {
  /** "Kết nối máy chủ cơ quan": sign in at the hub (the HubUrl policy names it, if set); the session goes to the keychain. */
  'hub.connect': z
    .object({ hubUrl: z.url({ protocol: /^https?$/ }).max(500), username: z.string().trim().min(1).max(256), password: z.string().min(1).max(1024) })
    .strict(),
  /** Ends the session at the hub and here; the replica and queued work stay for the same user's next sign-in. */
  'hub.signOut': noInput,
  /** Who is signed in, whether the hub answers, how far behind this desk is; null when this desk is not in agency mode. */
  'hub.getStatus': noInput,
  /** The desk's queue of commands, newest first: waiting, applied, or refused with the hub's reason. */
  'hub.commands': z.object({ limit: z.number().int().min(1).max(500) }).strict(),
  'hub.queueCommand': queuedCommand,
  /** A file added to a draft of the agency server: kept on this computer, then uploaded and named by a draft.attach command (offline too). */
  'hub.attachFile': fileForDraft,
  /** "Bỏ qua": a refused command the person has read leaves the queue screen and the count. */
  'hub.dismissCommand': z.object({ id: z.uuid() }).strict(),
  /** The agency's units and active people as the feed brought them (whom to present to, assign, pass on to). */
  'hub.directory': noInput,
  /** The axis's agency directory, which the agency server keeps (a desk has no copy): searched there, online only. */
  'hub.agencies': agencySearch,
  /** The agencies of these codes in the server's directory (a draft's recipients chosen before), by code. */
  'hub.agencyNames': z.object({ ids: z.array(agencyId).min(1).max(MAX_AGENCIES_PER_CALL) }).strict(),
  /** "Việc của tôi" from the replica (offline too): the items the person holds, and his unit's for a unit leader; the extensions he asked and those he is to decide. */
  'hub.myWork': noInput,
  /** A document's điều hành as the replica has it: its items and timeline. */
  'hub.documentWork': z.object({ documentId: z.number().int().positive().max(2_147_483_647) }).strict(),
  /** "Xử lý công việc" (Báo cáo): asked of the agency server now (no copy here), per unit and person as the server lets this person see. */
  'hub.workReport': period,
  /** The same report as a PDF or XLSX file, made here from the server's answer. */
  'hub.exportWorkReport': period.safeExtend({ format: z.enum(['pdf', 'xlsx']) }),
  /** The deadline reminders and daily digests the feed brought for the person signed in, newest first, and the count unread. */
  'hub.notices': z.object({ limit: z.number().int().min(1).max(500) }).strict(),
  /** "Đã đọc": these notices (by key), or every one when no key is given, marked read for the person signed in. */
  'hub.readNotices': z.object({ keys: z.array(noticeKey).min(1).max(MAX_NOTICES_READ).optional() }).strict(),
  /** A leader's overview of open work per unit, asked of the agency server now (online only); null for one who leads no unit. */
  'hub.overdueOverview': noInput,
  /** One unit's open work as the replica holds it (the overview's drill-down; offline too). */
  'hub.unitWork': z.object({ unitId: z.number().int().positive().max(2_147_483_647) }).strict(),
} as const;

// ── Agency mode: signing a document of the agency server at the leader's desk ───────
const hubDocumentId = z.number().int().positive().max(2_147_483_647);
const hubSigningInputs = {
  /** Whether "Ký duyệt" is offered and where this user's last signature stands; `refresh` asks the server for the current revision first and brings its file here. */
  'hub.signingView': z.object({ documentId: hubDocumentId, refresh: z.boolean().default(false) }).strict(),
  /**
   * The leader signs the revision he was shown (`baseSha256`) with the PIN typed now (never
   * stored); the signed file waits here until the server takes it. Refused if the server's current
   * revision is another one: he looks at it and signs again.
   */
  'hub.signRevision': tokenSignature
    .omit({ id: true })
    .safeExtend({ documentId: hubDocumentId, baseSha256: z.string().regex(/^[0-9a-f]{64}$/, 'the SHA-256 hub.signingView gave') }),
  /**
   * The clerk's seal of a draft the server numbered: the number and date filled into the revision
   * she was shown (`baseSha256`) and the agency's certificate signing it, with the PIN typed now;
   * the sealed file waits here until the server takes it, as the leader's signature does.
   */
  'hub.sealRevision': tokenSignature
    .omit({ id: true })
    .safeExtend({ documentId: hubDocumentId, baseSha256: z.string().regex(/^[0-9a-f]{64}$/, 'the SHA-256 hub.signingView gave') }),
} as const;

// ── Agency mode: files of hub documents on demand ─────────────────
const hubFileInputs = {
  /** A link to a hub document's file (fetched from the agency server first if not on this computer), as `attachments.open`'s. */
  'hub.openAttachment': z.object({ documentId: recordId, sha256: z.string().regex(/^[0-9a-f]{64}$/), purpose: z.enum(['view', 'save']) }).strict(),
  /** Whether the document is kept for offline use, and each file's state on this computer. */
  'hub.documentFiles': z.object({ documentId: recordId }).strict(),
  /** "Giữ trên máy này": keep (fetch and never evict) or stop keeping a document's files. */
  'hub.pinDocument': z.object({ documentId: recordId, pinned: z.boolean() }).strict(),
} as const;

// ── Agency mode: the admin's audit viewer (the hub decides who may) ──
/** The viewer's filters, as the hub's auditListQuery takes them (a period of days, both included). */
const auditFilter = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    actor: z.string().trim().min(1).max(64).optional(),
    kind: z.enum(AUDIT_KIND_NAMES as [AuditKind, ...AuditKind[]]).optional(),
    document: recordId.optional(),
    restrictedOnly: z.boolean().default(false),
  })
  .strict();
const hubAuditInputs = {
  /** "Nhật ký": a page of the hub's audit log, newest first, below `before`. */
  'hub.audit': z.object({ filter: auditFilter, before: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(), limit: z.number().int().min(1).max(500).default(100) }).strict(),
  /** Whether the hub's audit chain is whole, or the first row where it breaks. */
  'hub.auditChain': noInput,
  /** The filtered rows as a PDF, XLSX or CSV file. */
  'hub.auditExport': z.object({ filter: auditFilter, format: z.enum(['pdf', 'xlsx', 'csv']) }).strict(),
} as const;

// ── Agency mode: the admin's restricted registers (the hub decides who may) ──
const registerReader = z.object({ registerId: recordId, userId: recordId }).strict();
const hubRegisterInputs = {
  /** "Sổ hạn chế": the agency's registers, which are restricted, and their named readers. */
  'hub.registers': noInput,
  /** Restricts a register (its documents then seen by its readers only) or lifts the restriction. */
  'hub.restrictRegister': z.object({ registerId: recordId, restricted: z.boolean() }).strict(),
  /** Names a reader of a register. */
  'hub.addRegisterReader': registerReader,
  /** Removes a reader of a register. */
  'hub.removeRegisterReader': registerReader,
} as const;

// ── Diagnostics ────────────────────────────────────────────────────
const diagnosticsInputs = {
  /** Versions, data folder, database and the last log lines. */
  'diagnostics.get': noInput,
  /** One signed call to the configured axis; the result says ok or why not, never throws for a failed call. */
  'diagnostics.testAxis': noInput,
  /** All of the above with sync status and queue counts, redacted, as a text file for the helpdesk. */
  'diagnostics.report': noInput,
} as const;

// ── Paper arrivals and content search ─────────────────────────────
const scanBytes = z.instanceof(Uint8Array).refine((bytes) => bytes.length > 0 && bytes.length <= MAX_ATTACHMENT_BYTES, 'must be 1 byte to 100 MB');
const intakeInputs = {
  'intake.list': noInput,
  /** A scanned or dropped arrival: one PDF, or page images (JPEG/PNG) made into one PDF in this order. */
  'intake.add': z.object({ fileName: attachmentName, files: z.array(scanBytes).min(1).max(200) }).strict(),
  'intake.discard': z.object({ id: recordId }).strict(),
  /** Registers the scan in the incoming register (the same số đến sequence as axis arrivals). */
  'intake.register': z
    .object({
      id: recordId,
      origin: z.enum(ARRIVAL_ORIGINS),
      header: z
        .object({
          codeNumber: z.string().trim().max(50),
          codeNotation: z.string().trim().max(50),
          typeName: z.string().trim().max(100),
          promulgationDate: isoDate.nullable(),
          senderName: z.string().trim().min(1, 'the issuing agency is required').max(200),
          subject: z.string().trim().min(1, 'the subject (trích yếu) is required').max(500),
          summary: z.string().trim().max(500),
          priority,
          dueDate: isoDate.nullable(),
        })
        .strict(),
      /** Where the paper original is kept; required unless it came by e-mail. */
      paperOriginalAt: z.string().trim().max(200),
      register: recordId.optional(),
      /** Registers even though a document with the same number, notation and issuer is stored. */
      confirmDuplicate: z.boolean().optional(),
    })
    .strict()
    .refine((input) => input.origin === 'email' || input.paperOriginalAt.length > 0, { path: ['paperOriginalAt'], message: 'say where the paper original is kept' }),
  /** The ĐẾN stamp of a registered incoming document, as a 50 × 35 mm PDF to print. */
  'intake.stamp': z.object({ documentId: recordId }).strict(),
  'intake.getScannerFolder': noInput,
  /** An absolute path of an existing folder, or null to stop watching. */
  'intake.setScannerFolder': z.object({ folder: z.string().trim().min(1).max(1000).nullable() }).strict(),
  /** The words of the files, whole words, newest first. */
  'content.search': z
    .object({ query: z.string().max(200), cursor: z.object({ beforeId: recordId }).strict().nullable(), limit: z.number().int().min(1).max(100) })
    .strict(),
  /** A file's words page by page, for find-in-document in the viewer. */
  'content.attachmentText': z.object({ attachmentId: recordId }).strict(),
  'savedSearches.list': noInput,
  'savedSearches.save': z
    .object({
      name: z.string().trim().min(1).max(100),
      query: z.string().max(200),
      scope: z.enum(['header', 'content']),
      filters: z.record(z.string(), z.union([z.string().max(200), z.number()])).refine((f) => Object.keys(f).length <= 20, 'at most 20 filters'),
    })
    .strict(),
  'savedSearches.remove': z.object({ id: recordId }).strict(),
} as const;

export const apiInputs = {
  'app.getState': noInput,
  'setup.useDemo': noInput,
  'setup.connectAxis': z
    .object({
      axisUrl: z.url({ protocol: /^https?$/ }).max(500),
      agencyCode: typedAgencyCode,
      secret: z.string().min(8).max(512),
    })
    .strict(),
  /**
   * Settings › Kết nối trục liên thông: leave the demo for a real axis (keeping or discarding the
   * demo's data, see docs/architecture.md), or give a real axis connection another address or
   * secret (the agency code stays: a data folder is one agency's).
   */
  'setup.changeConnection': z
    .object({
      axisUrl: z.url({ protocol: /^https?$/ }).max(500),
      agencyCode: typedAgencyCode,
      secret: z.string().min(8).max(512),
      demoData: z.enum(['keep', 'discard']).optional(),
    })
    .strict(),
  'agencies.search': agencySearch,
  /** `tab`: one tab of the inbox (shared/domain/inbox-tabs.ts); the other boxes ignore it. */
  'documents.list': z.object({ box: z.enum(['inbox', 'sent', 'drafts']), tab: z.enum(INBOX_TABS).optional(), ...page }).strict(),
  /** What the clerk typed (any text: it is folded and stripped of FTS syntax) and the filters. */
  'documents.search': z
    .object({
      query: z.string().max(200),
      filters: z
        .object({
          direction: z.enum(DOCUMENT_DIRECTIONS).optional(),
          agencyId: agencyId.optional(),
          typeName: z.string().trim().min(1).max(100).optional(),
          dateFrom: searchDate.optional(),
          dateTo: searchDate.optional(),
          state: z.enum(DOCUMENT_STATES).optional(),
          priority: priority.optional(),
          registerId: recordId.optional(),
        })
        .strict()
        .refine((f) => !f.dateFrom || !f.dateTo || f.dateFrom <= f.dateTo, { path: ['dateTo'], message: 'must not be before dateFrom' }),
      cursor: z
        .union([z.object({ offset: z.number().int().min(1).max(SEARCH_RANKED_WINDOW) }).strict(), z.object({ beforeId: recordId }).strict()])
        .nullable(),
      limit: z.number().int().min(1).max(500),
    })
    .strict(),
  'drafts.create': draftFields.pick({ subject: true, summary: true }),
  'drafts.update': z.object({ id: recordId, fields: draftFields.partial() }).strict(),
  'documents.get': z.object({ id: recordId }).strict(),
  /**
   * Sends a draft signed by the agency: builds its package and queues it, in one transaction with
   * its audit row. An unsigned draft is refused unless the AllowUnsignedSending policy is set; it
   * then takes the next number of `register` (the default outgoing one when left out).
   */
  'documents.send': z.object({ id: recordId, recipients: z.array(agencyId).min(1).max(500), register: recordId.optional() }).strict(),
  /** The receiving clerk's handling statuses: 02 return (reason required), 03 accept (registers it), 04, 05, 06. */
  'documents.respond': z
    .object({
      id: recordId,
      status: z.enum(['02', '03', '04', '05', '06']),
      /** What the status package tells the sending agency ("Nội dung gửi cơ quan gửi"); chosen by the clerk, empty by default. */
      description: z.string().trim().max(500),
      /** The agency's own note on the step (who handles it, by when…): kept here, never sent. */
      internalNote: z.string().trim().max(2000).optional(),
      /** Which incoming register an accepted document (03) goes in; the default one when left out. */
      register: recordId.optional(),
      /**
       * Accepting (03) a document whose signatures are not all valid: the verdict the clerk was
       * shown and accepted anyway. The core refuses an accept without it, or with a verdict that
       * is no longer the stored one.
       */
      acceptVerdict: z.enum(ACCEPT_VERDICTS).optional(),
    })
    .strict()
    .refine((input) => input.status !== '02' || input.description.length > 0, { path: ['description'], message: 'a reason is required to return a document' })
    .refine((input) => input.status === '03' || input.register === undefined, { path: ['register'], message: 'only an accepted document (03) goes in a register' })
    .refine((input) => input.status === '03' || input.acceptVerdict === undefined, { path: ['acceptVerdict'], message: 'only an accept (03) confirms a verdict' }),
  /** Sender side: ask the recipients named to give the document back (status 13); none named is refused, never "all". */
  'documents.takeBack': z.object({ id: recordId, reason, recipients: z.array(agencyId).min(1, 'choose at least one recipient').max(500) }).strict(),
  /** Sender side: revoke (BussinessDocType 1) or replace with another draft (3). */
  'documents.revoke': z.object({ id: recordId, reason }).strict(),
  'documents.replace': z.object({ id: recordId, replacementDraftId: recordId, reason }).strict(),
  /** Sender side: correct a sent document (BussinessDocType 2); number and notation stay, they name it. */
  'documents.update': z
    .object({
      id: recordId,
      reason,
      fields: draftFields.omit({ codeNotation: true }).partial(),
    })
    .strict(),
  /** Receiver side: agree (15) or refuse (16, reason required) a pending request. */
  'documents.answerRequest': z
    .object({ id: recordId, agree: z.boolean(), reason: z.string().trim().max(500) })
    .strict()
    .refine((input) => input.agree || input.reason.length > 0, { path: ['reason'], message: 'a reason is required to refuse' }),
  /** Another version received under the same DocumentId (DocumentDetail.conflicts): keep the original, or take the new one. */
  'documents.resolveConflict': z.object({ id: recordId, conflictId: recordId, keep: z.enum(['original', 'new']) }).strict(),
  'outbox.list': z.object({ ...page }).strict(),
  'outbox.retry': z.object({ id: recordId }).strict(),
  'quarantine.list': noInput,
  'quarantine.retry': z.object({ id: recordId }).strict(),
  'quarantine.ignore': z.object({ id: recordId }).strict(),
  'attachments.add': fileForDraft,
  /**
   * A link to read an attachment by (file-links.ts): 'view' gives a PDF or image to show inside the
   * app when its bytes are one, else a download; 'save' always a download.
   */
  'attachments.open': z.object({ attachmentId: recordId, purpose: z.enum(['view', 'save']) }).strict(),
  'sync.getStatus': noInput,
  'sync.now': noInput,
  'signing.getSettings': noInput,
  /** One of the detected drivers (a path from signing.getSettings' candidates); an empty string goes back to auto-detection. */
  'signing.setModule': z.object({ module: z.string().trim().max(1000) }).strict(),
  /** Another PKCS#11 library, chosen by the clerk in the desktop app's file dialog (never a path from the page). */
  'signing.pickModule': noInput,
  /** The RFC 3161 time-stamp server for PAdES B-T; null signs B-B. */
  'signing.setTsa': z
    .object({
      url: z
        .url({ protocol: /^https?$/, hostname: /^.+$/ })
        .max(2000)
        .nullable(),
    })
    .strict(),
  'signing.listTokens': noInput,
  ...signingSettingsInputs,
  /** Trình ký: places the empty number and date fields and the leader's empty signature field on the main PDF and waits for the leader. */
  'documents.submitForSigning': z.object({ id: recordId, placement: placementBoxes.optional() }).strict(),
  ...placementInputs,
  /** The leader sends a submitted draft back to its drafter, saying what to change; it can be edited again. */
  'documents.returnForChanges': z.object({ id: recordId, comment: z.string().trim().min(1, 'say what to change').max(2000) }).strict(),
  /** The clerk takes a submitted draft back before the leader signed it; it can be edited again. */
  'documents.withdrawSubmission': z.object({ id: recordId }).strict(),
  /** Deletes a draft (not once it has its number from the register); the audit log keeps what it was. */
  'drafts.delete': z.object({ id: recordId }).strict(),
  /** The leader signs the latest version with the PIN typed now (never stored). */
  'documents.signAsLeader': tokenSignature,
  /** The clerk takes the next outgoing number, fills number and date, and signs for the agency. */
  'documents.numberAndSignAsAgency': tokenSignature.safeExtend({ register: recordId.optional() }),
  /** The stored signature verification of an incoming document; null while not verified yet. */
  'documents.verification': z.object({ id: recordId }).strict(),
  /** Verifies an incoming document's signatures again now (after a trust anchor was added, or TRY_LATER). */
  'documents.verify': z.object({ id: recordId }).strict(),
  'trustAnchors.list': noInput,
  /** A certificate file (PEM or DER, one or more certificates) to trust as a root. */
  'trustAnchors.add': z
    .object({ bytes: z.instanceof(Uint8Array).refine((bytes) => bytes.length > 0 && bytes.length <= MAX_TRUST_ANCHOR_BYTES, 'must be 1 byte to 64 KB') })
    .strict(),
  'trustAnchors.remove': z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 from trustAnchors.list') }).strict(),
  'backup.now': noInput,
  'backup.list': noInput,
  /** Only in recovery; a set named by backup.list, never a path from the renderer. */
  'backup.restore': z.object({ name: z.string().regex(/^vanthu-[0-9TZ-]+$/, 'a name from backup.list') }).strict(),
  /** Only in recovery: the damaged database is moved aside and a new one created. */
  'recovery.startAfresh': noInput,
  ...registerInputs,
  ...diagnosticsInputs,
  ...recordsInputs,
  ...intakeInputs,
  // ── Admin policies ─────────────────────────────────────────────────
  /** The policies IT set (registry or policy file), where each comes from, and what was ignored and why. */
  'policy.get': noInput,
  // ── Desktop integration: Electron only; browser mode answers `unavailable` ──
  'desktop.getPreferences': noInput,
  'desktop.setPreferences': z
    .object({ openAtLogin: z.boolean().optional(), closeToTray: z.boolean().optional(), language: z.enum(LANGUAGES).optional() })
    .strict(),
  ...clerkDeskInputs,
  ...arrivalWorkInputs,
  ...hubLinkInputs,
  ...hubSigningInputs,
  ...hubFileInputs,
  ...hubAuditInputs,
  ...hubRegisterInputs,
} as const;

export type ApiMethod = keyof typeof apiInputs;
export type ApiInput<M extends ApiMethod> = z.input<(typeof apiInputs)[M]>;
export type ApiParsedInput<M extends ApiMethod> = z.output<(typeof apiInputs)[M]>;

export interface ApiOutputs {
  'app.getState': AppState;
  'setup.useDemo': AppState;
  'setup.connectAxis': AppState;
  'setup.changeConnection': AppState;
  'agencies.search': { rows: AgencyMatch[]; total: number };
  'documents.list': { rows: DocumentSummary[]; total: number };
  'documents.search': DocumentSearchPage;
  'drafts.create': DocumentDetail;
  'drafts.update': DocumentDetail;
  'documents.get': DocumentDetail;
  'documents.send': DocumentDetail;
  'documents.respond': DocumentDetail;
  'documents.takeBack': DocumentDetail;
  'documents.revoke': DocumentDetail;
  'documents.replace': DocumentDetail;
  'documents.update': DocumentDetail;
  'documents.answerRequest': DocumentDetail;
  'documents.resolveConflict': DocumentDetail;
  /** `pending`: the packages not sent yet, the same count as the status bar's queue length. */
  'outbox.list': { rows: OutboxItem[]; total: number; pending: number };
  'outbox.retry': OutboxItem;
  'quarantine.list': QuarantineItem[];
  'quarantine.retry': QuarantineItem;
  'quarantine.ignore': QuarantineItem;
  'attachments.add': AttachmentInfo;
  'attachments.open': AttachmentLink;
  'sync.getStatus': SyncStatus;
  'sync.now': SyncStatus;
  'signing.getSettings': SigningSettings;
  'signing.setModule': SigningSettings;
  'signing.pickModule': SigningSettings;
  'signing.setTsa': SigningSettings;
  'signing.listTokens': TokenSummary[];
  'signing.setImage': SigningSettings;
  'signing.readImage': SigningImage;
  'signing.setSealDiameter': SigningSettings;
  'signing.setCertificateKind': SigningSettings;
  'documents.submitForSigning': DocumentDetail;
  'documents.returnForChanges': DocumentDetail;
  'documents.withdrawSubmission': DocumentDetail;
  'drafts.delete': { id: number };
  'documents.signingPlacement': SigningPlacement;
  'documents.signAsLeader': DocumentDetail;
  'documents.numberAndSignAsAgency': DocumentDetail;
  'documents.verification': DocumentVerification | null;
  'documents.verify': DocumentVerification;
  'trustAnchors.list': TrustAnchorList;
  'trustAnchors.add': TrustAnchor[];
  'trustAnchors.remove': TrustAnchorList;
  'registers.list': RegisterInfo[];
  'registers.create': RegisterInfo;
  'registers.setActive': RegisterInfo;
  'registers.entries': RegisterPage;
  'registers.export': ExportedFile;
  'reports.counts': CountRow[];
  'reports.processingTimes': ProcessingTimes;
  'reports.overdue': OverdueRow[];
  'reports.export': ExportedFile;
  'diagnostics.get': DiagnosticsInfo;
  'diagnostics.testAxis': AxisTestResult;
  'diagnostics.report': ExportedFile;
  'backup.now': BackupInfo;
  'backup.list': BackupInfo[];
  'backup.restore': AppState;
  'recovery.startAfresh': AppState;
  'policy.get': AdminPolicyReading;
  'desktop.getPreferences': DesktopPreferences;
  'desktop.setPreferences': DesktopPreferences;
  // ── Records ──
  'copies.create': CertifiedCopy;
  'copies.list': CertifiedCopy[];
  'copies.read': ExportedFile;
  'copies.export': ExportedFile;
  'dossiers.list': Dossier[];
  'dossiers.create': Dossier;
  'dossiers.close': Dossier;
  'dossiers.forDocument': DossierFiling;
  'dossiers.file': DossierFiling;
  'dossiers.unfile': DossierFiling;
  'dossiers.contents': { dossier: Dossier; rows: DossierContentsRow[] };
  'dossiers.exportContents': ExportedFile;
  'dossiers.exportList': ExportedFile;
  'dossiers.awaitingHandover': Dossier[];
  'handover.export': { handover: Handover; file: ExportedFile };
  'handover.list': Handover[];
  'handover.read': ExportedFile;
  'handover.recordReceipt': Handover;
  'intake.list': IntakeItem[];
  'intake.add': IntakeItem;
  'intake.discard': { removed: boolean };
  'intake.register': DocumentDetail;
  'intake.stamp': ExportedFile;
  'intake.getScannerFolder': { folder: string | null };
  'intake.setScannerFolder': { folder: string | null };
  'content.search': ContentSearchPage;
  'content.attachmentText': AttachmentText;
  'savedSearches.list': SavedSearch[];
  'savedSearches.save': SavedSearch;
  'savedSearches.remove': { removed: boolean };
  'documents.inboxCounts': InboxCounts;
  'documents.undoStatus': DocumentDetail;
  'recipientGroups.list': RecipientGroup[];
  'recipientGroups.save': RecipientGroup;
  'recipientGroups.remove': RecipientGroup[];
  'work.list': ArrivalWorkItem[];
  'work.get': ArrivalWorkItem | null;
  'work.save': ArrivalWorkItem;
  'work.remind': { reminded: number };
  'hub.connect': HubLinkStatus;
  'hub.signOut': HubLinkStatus | null;
  'hub.getStatus': HubLinkStatus | null;
  'hub.commands': HubCommandItem[];
  'hub.queueCommand': HubCommandItem;
  'hub.attachFile': HubCommandItem;
  'hub.signingView': HubSigningView;
  'hub.signRevision': HubSigningView;
  'hub.sealRevision': HubSigningView;
  'hub.dismissCommand': { id: string };
  'hub.directory': HubDirectory;
  'hub.agencies': HubAgencyPage;
  'hub.agencyNames': AgencyMatch[];
  'hub.myWork': DeskWork;
  'hub.documentWork': DocumentWorkflow | null;
  'hub.workReport': WorkReport;
  'hub.exportWorkReport': ExportedFile;
  'hub.notices': DeskNotices;
  'hub.readNotices': { unread: number };
  'hub.overdueOverview': OverdueOverview | null;
  'hub.unitWork': UnitWorkItem[];
  'hub.openAttachment': AttachmentLink;
  'hub.documentFiles': HubDocumentFiles;
  'hub.pinDocument': HubDocumentFiles;
  'hub.audit': AuditPage;
  'hub.auditChain': AuditChainVerdict;
  'hub.auditExport': ExportedFile;
  'hub.registers': RegisterAccess[];
  'hub.restrictRegister': RegisterAccess;
  'hub.addRegisterReader': RegisterAccess;
  'hub.removeRegisterReader': RegisterAccess;
}

export const API_METHODS = Object.keys(apiInputs) as ApiMethod[];

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.hasOwn(apiInputs, name);
}

/** Events the core pushes to every open window. */
export type ApiEvent =
  | { type: 'app.state'; state: AppState }
  | { type: 'sync.status'; status: SyncStatus }
  | { type: 'agencies.changed' }
  | { type: 'documents.changed'; ids: number[] }
  /** A new incoming document: the renderer (browser) or main (Electron) shows a notification. */
  | { type: 'document.arrived'; id: number; subject: string; senderName: string | null; priority: number }
  | { type: 'quarantine.changed' }
  // ── Desktop integration ──
  /** Incoming documents waiting for the clerk (arrived, not yet accepted or returned): tray, taskbar and nav badges. Sent first to every new subscriber. */
  | { type: 'inbox.waiting'; count: number }
  /** Electron only, from main: a menu item or shortcut that the renderer carries out. */
  | { type: 'menu.command'; command: MenuCommand }
  /** Electron only, from main: the clerk clicked an arrival notification; the renderer shows that document. */
  | { type: 'document.open'; id: number }
  // ── Paper arrivals and content search ──
  /** A scan was added to, registered from or discarded from the arrivals to register. */
  | { type: 'intake.changed' }
  /** The background reader (text layer, OCR) moved on with the file of this content hash. */
  | { type: 'texts.progress'; sha256: string }
  // ── Agency mode ──
  /** The link to the agency server changed (phase, who is signed in, how far behind, the queue's counts). */
  | { type: 'hub.status'; status: HubLinkStatus | null }
  /** A file of this hub document was fetched, failed, or removed from this computer, or the document was pinned or unpinned. */
  | { type: 'hub.files'; documentId: number }
  /**
   * Deadline reminders or a daily digest the feed just brought (not while catching up), or, in
   * standalone mode, the reminders work.remind just gave: the renderer (browser) or main (Electron)
   * shows a notification.
   */
  | { type: 'hub.notices'; arrived: DeskNotice[] };

/** What a renderer sees, whichever transport carries it. */
export interface VanThuApi {
  call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutputs[M]>;
  subscribe(listener: (event: ApiEvent) => void): () => void;
}
