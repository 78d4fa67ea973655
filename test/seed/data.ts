// The demo event that `pnpm seed` loads: the Jakarta Summit 2027, with Indonesian and foreign
// delegations, an agency, an NGO, about 60 guests, 8 LOs and the organisers. Deterministic.

export const EVENT = {
  name: 'KTT Jakarta 2027 — Jakarta Summit',
  timeZone: 'Asia/Jakarta',
  languages: ['id', 'en'],
  startsAt: '2027-03-01T08:00:00+07:00',
  endsAt: '2027-03-04T18:00:00+07:00',
  venues: [
    { name: 'Jakarta Convention Center', address: 'Jl. Gatot Subroto No.1, Senayan, Jakarta Pusat' },
    { name: 'Hotel Mulia Senayan', address: 'Jl. Asia Afrika, Senayan, Jakarta Pusat' },
  ],
  quietHours: { start: '22:00', end: '06:00' },
};

export interface SeedParty {
  externalId: string;
  name: string;
  type: 'delegation' | 'agency' | 'ngo' | 'volunteer_group' | 'vendor' | 'media' | 'internal';
  country?: string;
  protocolLevel: 'vvip' | 'vip' | 'standard';
  language: 'id' | 'en';
  guests: string[];
  airport?: string;
  flight?: string;
}

export const PARTIES: SeedParty[] = [
  {
    externalId: 'DEL-ID',
    name: 'Delegasi Republik Indonesia',
    type: 'delegation',
    country: 'ID',
    protocolLevel: 'vvip',
    language: 'id',
    guests: ['Bapak Hendra Wijaya', 'Ibu Ratna Sari Dewi', 'Bapak Agus Salim', 'Ibu Dewi Lestari', 'Bapak Yusuf Rahman', 'Ibu Siti Aminah', 'Bapak Joko Susilo', 'Ibu Kartika Putri'],
  },
  {
    externalId: 'DEL-JP',
    name: 'Delegation of Japan',
    type: 'delegation',
    country: 'JP',
    protocolLevel: 'vip',
    language: 'en',
    airport: 'CGK',
    flight: 'GA 881',
    guests: ['Takeshi Sato', 'Yuki Tanaka', 'Hiroshi Nakamura', 'Aiko Suzuki', 'Kenji Watanabe', 'Mei Ito', 'Daisuke Kobayashi'],
  },
  {
    externalId: 'DEL-AU',
    name: 'Delegation of Australia',
    type: 'delegation',
    country: 'AU',
    protocolLevel: 'vip',
    language: 'en',
    airport: 'CGK',
    flight: 'QF 41',
    guests: ['Olivia Brown', 'Jack Wilson', 'Charlotte Taylor', 'William Martin', 'Amelia White', 'Noah Harris'],
  },
  {
    externalId: 'DEL-SA',
    name: 'Delegation of the Kingdom of Saudi Arabia',
    type: 'delegation',
    country: 'SA',
    protocolLevel: 'vvip',
    language: 'en',
    airport: 'CGK',
    flight: 'SV 816',
    guests: ['Faisal Al-Saud', 'Noura Al-Qahtani', 'Khalid Al-Harbi', 'Abdullah Al-Ghamdi', 'Layla Al-Zahrani', 'Omar Al-Otaibi'],
  },
  {
    externalId: 'DEL-BR',
    name: 'Delegação do Brasil',
    type: 'delegation',
    country: 'BR',
    protocolLevel: 'standard',
    language: 'en',
    airport: 'CGK',
    flight: 'EK 356',
    guests: ['João Silva', 'Maria Oliveira', 'Lucas Pereira', 'Ana Costa', 'Gabriel Souza'],
  },
  {
    externalId: 'DEL-DE',
    name: 'Delegation der Bundesrepublik Deutschland',
    type: 'delegation',
    country: 'DE',
    protocolLevel: 'standard',
    language: 'en',
    airport: 'CGK',
    flight: 'LH 782',
    guests: ['Lukas Müller', 'Anna Schmidt', 'Felix Schneider', 'Lea Fischer', 'Jonas Weber'],
  },
  {
    externalId: 'AG-BNPB',
    name: 'Badan Nasional Penanggulangan Bencana (BNPB)',
    type: 'agency',
    country: 'ID',
    protocolLevel: 'standard',
    language: 'id',
    guests: ['Bapak Rudi Hartono', 'Ibu Nur Aini', 'Bapak Eko Prasetyo', 'Ibu Fitri Handayani'],
  },
  {
    externalId: 'AG-KEMLU',
    name: 'Kementerian Luar Negeri',
    type: 'agency',
    country: 'ID',
    protocolLevel: 'vip',
    language: 'id',
    guests: ['Bapak Andi Mallarangeng', 'Ibu Retno Wulandari', 'Bapak Teuku Faizal'],
  },
  {
    externalId: 'NGO-PMI',
    name: 'Palang Merah Indonesia (PMI)',
    type: 'ngo',
    country: 'ID',
    protocolLevel: 'standard',
    language: 'id',
    guests: ['Ibu Sri Mulyani', 'Bapak Bambang Sutrisno', 'Ibu Wulan Sari', 'Bapak Dimas Anggara'],
  },
  {
    externalId: 'VOL-UI',
    name: 'Relawan Universitas Indonesia',
    type: 'volunteer_group',
    country: 'ID',
    protocolLevel: 'standard',
    language: 'id',
    guests: ['Rizky Ramadhan', 'Putri Ayu', 'Fajar Nugroho', 'Intan Permata'],
  },
  {
    externalId: 'VEN-BB',
    name: 'PT Blue Bird Tbk (transport)',
    type: 'vendor',
    country: 'ID',
    protocolLevel: 'standard',
    language: 'id',
    guests: ['Bapak Slamet Riyadi', 'Bapak Wahyu Hidayat'],
  },
  {
    externalId: 'MED-ANT',
    name: 'Kantor Berita ANTARA',
    type: 'media',
    country: 'ID',
    protocolLevel: 'standard',
    language: 'id',
    guests: ['Ibu Maya Anggraini', 'Bapak Reza Pahlevi'],
  },
];

export const LOS = [
  { externalId: 'LO-01', name: 'Budi Santoso', languages: ['id', 'en', 'ja'], maxParties: 1 },
  { externalId: 'LO-02', name: 'Siti Nurhaliza', languages: ['id', 'en', 'ar'], maxParties: 1 },
  { externalId: 'LO-03', name: 'Andi Pratama', languages: ['id', 'en'], maxParties: 2 },
  { externalId: 'LO-04', name: 'Rina Kusuma', languages: ['id', 'en', 'pt'], maxParties: 1 },
  { externalId: 'LO-05', name: 'Dian Permatasari', languages: ['id', 'en', 'de'], maxParties: 1 },
  { externalId: 'LO-06', name: 'Yoga Aditya', languages: ['id', 'en'], maxParties: 3 },
  { externalId: 'LO-07', name: 'Ayu Lestari', languages: ['id', 'en'], maxParties: 2 },
  { externalId: 'LO-08', name: 'Hadi Gunawan', languages: ['id', 'en', 'ar'], maxParties: 1 },
];

export const ORGANIZERS = [
  { externalId: 'ORG-01', name: 'Ibu Sri Wahyuni', title: 'Ketua Panitia' },
  { externalId: 'ORG-02', name: 'Bapak Arif Budiman', title: 'Koordinator LO' },
  { externalId: 'ORG-03', name: 'Ibu Melati Suryani', title: 'Koordinator Logistik' },
];

/** Which LO serves which party (by externalId); VVIP heads of delegation also get an LO of their own. */
export const ASSIGNMENTS: { lo: string; party?: string; guestOf?: string }[] = [
  { lo: 'LO-01', party: 'DEL-JP' },
  { lo: 'LO-02', party: 'DEL-SA' },
  { lo: 'LO-03', party: 'DEL-AU' },
  { lo: 'LO-03', party: 'AG-KEMLU' },
  { lo: 'LO-04', party: 'DEL-BR' },
  { lo: 'LO-05', party: 'DEL-DE' },
  { lo: 'LO-06', party: 'AG-BNPB' },
  { lo: 'LO-06', party: 'NGO-PMI' },
  { lo: 'LO-06', party: 'VOL-UI' },
  { lo: 'LO-07', party: 'DEL-ID' },
  { lo: 'LO-07', party: 'MED-ANT' },
  { lo: 'LO-08', guestOf: 'DEL-SA' },
];

const DIETS = ['halal', 'vegetarian', null, null, 'no seafood', null, 'halal', null];

function slug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/^(bapak|ibu) /, '')
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '');
}

/** Person rows for POST /people/import (keyed by externalId, so the seed can run again). */
export function peopleRows(): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  PARTIES.forEach((party, pi) => {
    party.guests.forEach((name, gi) => {
      const foreign = party.country !== 'ID';
      const diet = DIETS[(pi + gi) % DIETS.length];
      rows.push({
        externalId: `${party.externalId}-${String(gi + 1).padStart(2, '0')}`,
        name,
        role: gi === party.guests.length - 1 && party.type !== 'delegation' ? 'contact' : 'guest',
        partyExternalId: party.externalId,
        title: gi === 0 ? (party.type === 'delegation' ? 'Head of Delegation' : 'Kepala Perwakilan') : undefined,
        phone: `+62811${String(pi).padStart(2, '0')}${String(gi).padStart(2, '0')}${String(1000 + pi * 10 + gi)}`,
        email: `${slug(name)}@${party.externalId.toLowerCase()}.example`,
        language: party.language,
        consent: { sms: true, email: gi % 3 !== 2 },
        ...(diet ? { needs: { dietary: diet, ...(gi === 2 ? { accessibility: 'wheelchair' } : {}) } } : {}),
        ...(foreign && party.flight
          ? {
              arrival: { at: `2027-02-28T${String(14 + (gi % 4) * 2).padStart(2, '0')}:30:00+07:00`, flight: party.flight, airport: party.airport },
              departure: { at: '2027-03-05T10:00:00+07:00', flight: party.flight, airport: party.airport },
            }
          : {}),
      });
    });
  });
  for (const lo of LOS) {
    rows.push({
      externalId: lo.externalId,
      name: lo.name,
      role: 'lo',
      phone: `+62812${lo.externalId.slice(3).padStart(2, '0')}55${lo.externalId.slice(3)}01`,
      email: `${slug(lo.name)}@lo.jakarta-summit.example`,
      language: 'id',
      consent: { sms: true, email: true },
      languages: lo.languages,
      maxParties: lo.maxParties,
    });
  }
  for (const o of ORGANIZERS) {
    rows.push({
      externalId: o.externalId,
      name: o.name,
      role: 'organizer',
      title: o.title,
      phone: `+62813${o.externalId.slice(4)}0077${o.externalId.slice(4)}`,
      email: `${slug(o.name)}@panitia.jakarta-summit.example`,
      language: 'id',
      consent: { sms: true, email: true },
    });
  }
  return rows;
}
