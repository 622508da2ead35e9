/** One label and value of a description list (the header fields of a document, a signature's signer). */
import type { ReactNode } from 'react';

export function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
