/** Recipient groups ("Các sở, ban, ngành tỉnh", "UBND cấp huyện"): agencies this agency often sends to together, picked as one. */
export interface RecipientGroup {
  id: number;
  name: string;
  /** In the order chosen; `name` is null for an agency no longer in the directory. */
  members: { id: string; name: string | null }[];
}
