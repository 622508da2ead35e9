export type DocumentDirection = 'incoming' | 'outgoing' | 'draft';

export interface DocumentSummary {
  id: number;
  direction: DocumentDirection;
  subject: string;
  attachmentCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface AttachmentInfo {
  id: number;
  documentId: number;
  name: string;
  contentType: string;
  size: number;
  /** Lower-case hex SHA-256 of the bytes: the blob's name and its integrity check. */
  sha256: string;
}

export interface DocumentDetail extends DocumentSummary {
  summary: string;
  attachments: AttachmentInfo[];
}

export interface AttachmentContent {
  info: AttachmentInfo;
  bytes: Uint8Array;
}
