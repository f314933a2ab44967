import { Problem } from '../../errors';
import { KOMPASS_DOCUMENT } from './kompass';

/**
 * Structured documents that do not fit a table (e.g. Kommunekompass scores with their texts), stored as YAML
 * under data/<folder>/. Each kind validates its own files and reports problems with file:line.
 */
export interface DocumentKind {
  /** folder under data/ */
  folder: string;
  description: string;
  /** parse and validate one file; the result is stored in the Dataset under `name` (e.g. "kompass/1837-2023"). */
  load(file: string, text: string): { name: string; value?: unknown; problems: Problem[] };
}

export const DOCUMENT_KINDS: DocumentKind[] = [KOMPASS_DOCUMENT];
