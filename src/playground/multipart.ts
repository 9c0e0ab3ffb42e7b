// Request bodies as the Bot API receives them: JSON (grammY's default), urlencoded, query strings and
// multipart uploads. Multipart is parsed by hand: grammY writes unquoted file names, which Node's own
// `formData()` rejects. Pure: the HTTP layer (bot-api-http.ts) reads the body.

export type Json = Record<string, unknown>;

/** A file part of a multipart upload, substituted for its `attach://<id>` reference in the payload. */
export interface UploadedFile {
  file_name?: string;
  bytes: Buffer;
}

/**
 * Multipart text fields that must stay strings even when they look like JSON
 * scalars (a message text "123" must not become the number 123).
 */
const STRING_FIELDS = new Set([
  'text',
  'caption',
  'parse_mode',
  'title',
  'description',
  'short_description',
  'name',
  'file_name',
  'emoji',
  'callback_query_id',
  'inline_message_id',
  'business_connection_id',
  'language_code',
  'url',
  'file_id',
]);

export function isUploadedFile(v: unknown): v is UploadedFile {
  return typeof v === 'object' && v !== null && Buffer.isBuffer((v as { bytes?: unknown }).bytes);
}

/** Multipart/urlencoded/query values: JSON objects and scalars are decoded, anything else stays a string. */
function decodeField(name: string, raw: string): unknown {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed === 'object' && parsed !== null) return parsed;
    if ((typeof parsed === 'number' || typeof parsed === 'boolean') && !STRING_FIELDS.has(name)) return parsed;
  } catch {
    // not JSON: a plain string value
  }
  return raw;
}

function headerParam(header: string, key: string): string | undefined {
  // RFC 5987 extended form first (filename*=UTF-8''...)
  const ext = new RegExp(`;\\s*${key}\\*\\s*=\\s*([^']*)'[^']*'([^;]*)`, 'i').exec(header);
  if (ext?.[2] !== undefined) {
    try {
      return decodeURIComponent(ext[2].trim());
    } catch {
      return ext[2].trim();
    }
  }
  const quoted = new RegExp(`;\\s*${key}\\s*=\\s*"((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(header);
  if (quoted?.[1] !== undefined) return quoted[1].replace(/\\(.)/g, '$1');
  // grammY writes `filename=<raw name>` unquoted and last, so a bare filename runs to the end of the line.
  const bareRe = key === 'filename' ? /;\s*filename\s*=\s*(.*)$/i : new RegExp(`;\\s*${key}\\s*=\\s*([^;]*)`, 'i');
  const bare = bareRe.exec(header);
  return bare?.[1]?.trim();
}

interface Part {
  headers: Record<string, string>;
  body: Buffer;
}

function splitMultipart(body: Buffer, boundary: string): Part[] {
  const first = Buffer.from(`--${boundary}`);
  const delim = Buffer.from(`\r\n--${boundary}`);
  const parts: Part[] = [];
  let pos = body.indexOf(first);
  if (pos < 0) return parts;
  pos += first.length;
  for (;;) {
    // After a delimiter: "--" closes the body, otherwise CRLF starts the next part.
    if (body.subarray(pos, pos + 2).toString() === '--') break;
    const lineEnd = body.indexOf('\r\n', pos);
    if (lineEnd < 0) break;
    const start = lineEnd + 2;
    const next = body.indexOf(delim, start);
    if (next < 0) break;
    const raw = body.subarray(start, next);
    const sep = raw.indexOf('\r\n\r\n');
    const headerText = sep < 0 ? raw.toString('utf8') : raw.subarray(0, sep).toString('utf8');
    const headers: Record<string, string> = {};
    for (const line of headerText.split('\r\n')) {
      const colon = line.indexOf(':'); // grammY omits the space after the colon
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    parts.push({ headers, body: sep < 0 ? Buffer.alloc(0) : raw.subarray(sep + 4) });
    pos = next + delim.length;
  }
  return parts;
}

function parseMultipart(body: Buffer, boundary: string): Json {
  const fields: Json = {};
  const files = new Map<string, UploadedFile>();
  for (const part of splitMultipart(body, boundary)) {
    const disposition = `;${part.headers['content-disposition'] ?? ''}`;
    const name = headerParam(disposition, 'name');
    if (name === undefined) continue;
    const filename = headerParam(disposition, 'filename');
    if (filename !== undefined || part.headers['content-type'] === 'application/octet-stream') {
      files.set(name, { file_name: filename, bytes: Buffer.from(part.body) });
    } else {
      fields[name] = decodeField(name, part.body.toString('utf8'));
    }
  }
  // grammY sends `document: "attach://<id>"` and the bytes as part `<id>`; inline them.
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string' && value.startsWith('attach://')) {
      const file = files.get(value.slice('attach://'.length));
      if (file) {
        fields[key] = file;
        files.delete(value.slice('attach://'.length));
      }
    }
  }
  // Files sent directly under the field name (curl -F document=@x) are fields too.
  for (const [name, file] of files) if (!(name in fields)) fields[name] = file;
  return fields;
}

export function parsePayload(contentType: string | undefined, body: Buffer, query: URLSearchParams): Json {
  const payload: Json = {};
  for (const [k, v] of query) payload[k] = decodeField(k, v);
  const type = (contentType ?? '').toLowerCase();
  if (body.length === 0) return payload;
  if (type.startsWith('multipart/form-data')) {
    const boundary = headerParam(contentType ?? '', 'boundary');
    if (!boundary) throw new Error('multipart body without boundary');
    return { ...payload, ...parseMultipart(body, boundary) };
  }
  if (type.startsWith('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) payload[k] = decodeField(k, v);
    return payload;
  }
  // JSON is grammY's default; also assume it when no content-type is given.
  const parsed: unknown = JSON.parse(body.toString('utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('JSON body is not an object');
  return { ...payload, ...(parsed as Json) };
}
