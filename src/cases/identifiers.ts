// A soft check of free text for what must never be typed into a chat about a client (UU 27/2022):
// a NIK, a phone number, a street address. It warns before saving and never blocks: a worker may
// have a reason (a hotline number), and a false alarm must not cost them the note.

export type IdentifierKind = 'nik' | 'phone' | 'address';

// 16 digits, as a NIK is written: in one run or in groups ("3201 2345 6789 0001", "3201.2345…")
const NIK = /(?<!\d)\d{4}[\s.-]?\d{4}[\s.-]?\d{4}[\s.-]?\d{4}(?!\d)/;
// an Indonesian mobile number: 08…, +62 8…, 62 8…, 10–13 digits, with spaces, dots or dashes
const PHONE = /(?<![\d+])(?:\+62|62|0)[\s.-]?8\d(?:[\s.-]?\d){6,10}(?!\d)/;
// a street ("Jl. Merdeka 12", "Gang Mawar") or a neighbourhood ("RT 03/RW 05", "RT 3 RW 5"); a bare
// "no. 3" is left alone (it numbers anything)
// (the street's name is capitalised: "jalan kaki" is walking, "Jalan Kaki" a street)
const STREET = /\b(?:[Jj]l|[Jj]ln|[Jj]alan|[Gg]g|[Gg]ang)\.?\s+\p{Lu}/u;
const HOUSE = /\brt\.?\s*0?\d{1,3}\s*[/,]?\s*rw\.?\s*0?\d{1,3}\b/i;

/** What a text seems to hold, in a fixed order; empty when nothing looks identifying. */
export function identifiersIn(text: string): IdentifierKind[] {
  const out: IdentifierKind[] = [];
  if (NIK.test(text)) out.push('nik');
  // a NIK is not also a phone number
  else if (PHONE.test(text)) out.push('phone');
  if (STREET.test(text) || HOUSE.test(text)) out.push('address');
  return out;
}
