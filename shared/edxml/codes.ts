/** The numeric codes of the edXML package (docs/formats.md#edxml, #statuses). */

/** OtherInfo/Priority [S]. */
export const PRIORITY = {
  normal: 0,
  /** Khẩn */
  urgent: 1,
  /** Thượng khẩn */
  veryUrgent: 2,
  /** Hỏa tốc */
  flash: 3,
  /** Hỏa tốc hẹn giờ */
  flashScheduled: 4,
} as const;
export type Priority = (typeof PRIORITY)[keyof typeof PRIORITY];

/** Bussiness/BussinessDocType. */
export const BUSINESS_DOC_TYPE = { new: 0, revoke: 1, update: 2, replace: 3 } as const;
export type BusinessDocType = (typeof BUSINESS_DOC_TYPE)[keyof typeof BUSINESS_DOC_TYPE];

/** ReceiverList/Receiver/ReceiverType of an update. */
export const RECEIVER_TYPE = { removed: 0, added: 1 } as const;
export type ReceiverType = (typeof RECEIVER_TYPE)[keyof typeof RECEIVER_TYPE];

/** The status codes VanThu acts on; any other code is kept and shown verbatim. */
export const STATUS_CODE = {
  arrived: '01',
  returned: '02',
  accepted: '03',
  assigned: '04',
  processing: '05',
  done: '06',
  takeBack: '13',
  changeAgreed: '15',
  changeRefused: '16',
} as const;
export type KnownStatusCode = (typeof STATUS_CODE)[keyof typeof STATUS_CODE];

export interface StatusCodeInfo {
  sentBy: 'receiving system' | 'receiving clerk' | 'receiving leader' | 'receiver' | 'sending clerk';
  meaning: string;
  /** The Description must give the reason. */
  reasonRequired: boolean;
}

export const STATUS_CODE_INFO: Readonly<Record<KnownStatusCode, StatusCodeInfo>> = {
  '01': { sentBy: 'receiving system', meaning: 'arrived: stored, the clerk has not acted yet', reasonRequired: false },
  '02': { sentBy: 'receiving clerk', meaning: 'refused / returned', reasonRequired: true },
  '03': { sentBy: 'receiving clerk', meaning: 'accepted and registered in the incoming register', reasonRequired: false },
  '04': { sentBy: 'receiving leader', meaning: 'assigned for handling', reasonRequired: false },
  '05': { sentBy: 'receiver', meaning: 'being processed', reasonRequired: false },
  '06': { sentBy: 'receiver', meaning: 'processing finished', reasonRequired: false },
  '13': { sentBy: 'sending clerk', meaning: 'asks to take the document back', reasonRequired: true },
  '15': { sentBy: 'receiving clerk', meaning: 'agrees to the update / take-back', reasonRequired: false },
  '16': { sentBy: 'receiving clerk', meaning: 'refuses the update / take-back', reasonRequired: true },
};

export function isKnownStatusCode(code: string): code is KnownStatusCode {
  return Object.hasOwn(STATUS_CODE_INFO, code);
}

export function statusNeedsReason(code: string): boolean {
  return isKnownStatusCode(code) && STATUS_CODE_INFO[code].reasonRequired;
}
