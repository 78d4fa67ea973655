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
  /** When the whole delegation lands (one flight); without it, arrivals are spread over the afternoon. */
  lands?: string;
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
    lands: '2027-02-28T15:40:00+07:00',
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
    lands: '2027-03-01T01:15:00+07:00',
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
              arrival: { at: party.lands ?? `2027-02-28T${String(14 + (gi % 4) * 2).padStart(2, '0')}:30:00+07:00`, flight: party.flight, airport: party.airport },
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

// ---- logistics: people by externalId, parties by externalId, vehicles by plate.

const MULIA = 'Hotel Mulia Senayan';
const KEMPINSKI = 'Hotel Indonesia Kempinski Jakarta';
const CGK = 'Bandara Soekarno–Hatta (CGK), Terminal 3 Kedatangan';
const JCC = 'Jakarta Convention Center (JCC Senayan), Lobby Utama';
const PLENARY = 'Plenary Hall, Jakarta Convention Center (JCC Senayan)';

export const VEHICLES = [
  { label: 'Alphard VIP 1', plate: 'B 1001 KTT', capacity: 5, driver: { name: 'Sugeng Riyanto', phone: '+6281398760011' } },
  { label: 'Alphard VIP 2', plate: 'B 1002 KTT', capacity: 5, driver: { name: 'Teguh Santoso', phone: '+6281398760012' } },
  { label: 'Innova 1', plate: 'B 2101 KTT', capacity: 6, driver: { name: 'Darmawan', phone: '+6281398760021' } },
  { label: 'HiAce Van 1', plate: 'B 7301 KTT', capacity: 12, driver: { name: 'Ujang Supriadi', phone: '+6281398760031' } },
  { label: 'Bus 1 (Blue Bird)', plate: 'B 7701 KTT', capacity: 40, driver: { name: 'Agus Setiawan', phone: '+6281398760041' } },
];

const party = (id: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${id}-${String(i + 1).padStart(2, '0')}`);

export interface SeedTrip {
  key: string;
  kind: 'pickup' | 'transfer' | 'departure';
  from: string;
  to: string;
  departAt: string;
  arriveBy: string;
  vehicle: string;
  lo: string | null;
  passengers: string[];
  /** Deliberate: shows one hard clash in GET /conflicts for the demo. */
  allowConflicts?: true;
}

export const TRIPS: SeedTrip[] = [
  // SV 816 lands at 01:15: the 02:00 pick-up (its messages go out as urgent, through quiet hours).
  { key: 'pickup-sa-hod', kind: 'pickup', from: CGK, to: MULIA, departAt: '2027-03-01T02:00:00+07:00', arriveBy: '2027-03-01T03:00:00+07:00', vehicle: 'B 1001 KTT', lo: 'LO-08', passengers: ['DEL-SA-01'] },
  { key: 'pickup-sa', kind: 'pickup', from: CGK, to: MULIA, departAt: '2027-03-01T02:00:00+07:00', arriveBy: '2027-03-01T03:00:00+07:00', vehicle: 'B 7301 KTT', lo: 'LO-02', passengers: party('DEL-SA', 6).slice(1) },
  { key: 'pickup-jp', kind: 'pickup', from: CGK, to: KEMPINSKI, departAt: '2027-02-28T16:30:00+07:00', arriveBy: '2027-02-28T17:45:00+07:00', vehicle: 'B 7301 KTT', lo: 'LO-01', passengers: party('DEL-JP', 7) },
  { key: 'transfer-jp-jcc', kind: 'transfer', from: KEMPINSKI, to: JCC, departAt: '2027-03-01T07:45:00+07:00', arriveBy: '2027-03-01T08:30:00+07:00', vehicle: 'B 7301 KTT', lo: 'LO-01', passengers: party('DEL-JP', 7) },
  { key: 'transfer-sa-jcc', kind: 'transfer', from: MULIA, to: JCC, departAt: '2027-03-01T08:15:00+07:00', arriveBy: '2027-03-01T08:35:00+07:00', vehicle: 'B 1002 KTT', lo: 'LO-08', passengers: ['DEL-SA-01'] },
  { key: 'transfer-jcc-hotels', kind: 'transfer', from: JCC, to: `${MULIA} / ${KEMPINSKI}`, departAt: '2027-03-01T21:30:00+07:00', arriveBy: '2027-03-01T22:15:00+07:00', vehicle: 'B 7701 KTT', lo: null, passengers: [...party('DEL-JP', 7), ...party('DEL-SA', 6)] },
  { key: 'departure-jp', kind: 'departure', from: KEMPINSKI, to: CGK.replace('Kedatangan', 'Keberangkatan'), departAt: '2027-03-05T06:30:00+07:00', arriveBy: '2027-03-05T07:45:00+07:00', vehicle: 'B 7301 KTT', lo: 'LO-01', passengers: party('DEL-JP', 7) },
  // Deliberate clash for the demo: Innova 1 is booked for BNPB while it still carries PMI.
  { key: 'transfer-bnpb', kind: 'transfer', from: MULIA, to: JCC, departAt: '2027-03-02T07:30:00+07:00', arriveBy: '2027-03-02T08:00:00+07:00', vehicle: 'B 2101 KTT', lo: null, passengers: party('AG-BNPB', 4) },
  { key: 'transfer-pmi', kind: 'transfer', from: 'Markas Pusat PMI, Jl. Gatot Subroto Kav. 96', to: JCC, departAt: '2027-03-02T07:45:00+07:00', arriveBy: '2027-03-02T08:15:00+07:00', vehicle: 'B 2101 KTT', lo: null, passengers: party('NGO-PMI', 4), allowConflicts: true },
];

const rooms = (hotel: string, list: [string, string[]][]) =>
  list.map(([room, guests]) => ({ hotel, room, beds: guests.length, guests, checkIn: '2027-02-28', checkOut: '2027-03-05' }));

/** Stays, all from the night before: DEL-SA lands at 01:15 and goes straight to bed. */
export const STAYS = [
  ...rooms(MULIA, [['Presidential Suite 2801', ['DEL-SA-01']], ['2802', ['DEL-SA-02', 'DEL-SA-05']], ['2803', ['DEL-SA-03', 'DEL-SA-04']], ['2804', ['DEL-SA-06']]]),
  ...rooms(KEMPINSKI, [['1201', ['DEL-JP-01']], ['1202', ['DEL-JP-02', 'DEL-JP-04']], ['1203', ['DEL-JP-03', 'DEL-JP-05']], ['1204', ['DEL-JP-06']], ['1205', ['DEL-JP-07']]]),
];

/** Plenary sessions at JCC; `'*'` means every party. */
export const SESSIONS = [
  { title: 'Pembukaan KTT Jakarta 2027 / Opening Plenary', startsAt: '2027-03-01T09:00:00+07:00', endsAt: '2027-03-01T11:00:00+07:00', venue: PLENARY, parties: ['*'] },
  { title: 'Pleno 1: Ketahanan Bencana Asia-Pasifik / Disaster Resilience', startsAt: '2027-03-02T09:00:00+07:00', endsAt: '2027-03-02T12:00:00+07:00', venue: PLENARY, parties: ['DEL-ID', 'DEL-JP', 'DEL-AU', 'DEL-SA', 'DEL-BR', 'DEL-DE', 'AG-BNPB', 'NGO-PMI', 'MED-ANT'] },
  { title: 'Pleno 2: Transisi Energi dan Ketahanan Pangan / Energy and Food Security', startsAt: '2027-03-03T09:00:00+07:00', endsAt: '2027-03-03T12:00:00+07:00', venue: PLENARY, parties: ['DEL-ID', 'DEL-JP', 'DEL-AU', 'DEL-SA', 'DEL-BR', 'DEL-DE', 'AG-KEMLU', 'MED-ANT'] },
  { title: 'Pleno Penutupan dan Deklarasi Jakarta / Closing Plenary', startsAt: '2027-03-04T14:00:00+07:00', endsAt: '2027-03-04T16:00:00+07:00', venue: PLENARY, parties: ['*'] },
];

export const MEETING = {
  title: 'Rapat Koordinasi LO dan Logistik — Hari 1',
  startsAt: '2027-03-01T19:30:00+07:00',
  endsAt: '2027-03-01T20:30:00+07:00',
  location: 'Ruang Rapat Panitia, Lantai 2, Hotel Mulia Senayan',
  parties: ['VEN-BB'],
  attendees: ['ORG-01', 'ORG-02', 'ORG-03', ...LOS.map((l) => l.externalId)],
  agenda: ['Evaluasi kedatangan: SV 816 pukul 01:15 dan penjemputan 02:00', 'Shuttle hotel–JCC hari ke-2', 'Menu halal dan vegetarian di jamuan makan siang', 'Akses keamanan Gate 5 JCC'],
  minutes: {
    notes: 'Kedatangan DEL-SA lancar, tiba di hotel 02:55. Penjemputan DEL-JP terlambat 40 menit karena HiAce tertahan di tol Sedyatmo. Katering JCC belum memberi label halal pada semua menu.',
    decisions: ['Satu Innova cadangan siaga di CGK untuk setiap kedatangan malam', 'Shuttle hari ke-2 berangkat 15 menit lebih awal', 'Semua menu jamuan diberi label halal/vegetarian dalam dua bahasa'],
    actionItems: [
      { owner: 'ORG-03', dueAt: '2027-03-02T06:00:00+07:00', text: 'Tempatkan Innova cadangan dan pengemudi di Terminal 3 CGK', done: true },
      { owner: 'LO-06', dueAt: '2027-03-02T10:00:00+07:00', text: 'Konfirmasi label halal dan vegetarian dengan katering JCC', done: false },
      { owner: 'LO-01', dueAt: '2027-03-02T12:00:00+07:00', text: 'Sampaikan permohonan maaf resmi kepada DEL-JP atas keterlambatan jemputan', done: false },
    ],
  },
};

// ---- feedback: `by` files the ticket (the guest, or their LO for them); the assignee then moves it.

export interface SeedTicket {
  by: string;
  reporter: string;
  kind: 'question' | 'request' | 'complaint' | 'incident' | 'emergency';
  category: 'transport' | 'accommodation' | 'schedule' | 'security' | 'health' | 'other';
  severity: 'low' | 'medium' | 'high' | 'critical';
  subject: string;
  body: string;
  moves: { to: 'acknowledged' | 'in_progress' | 'resolved'; note: string }[];
}

export const TICKETS: SeedTicket[] = [
  {
    by: 'DEL-JP-02', reporter: 'DEL-JP-02', kind: 'complaint', category: 'transport', severity: 'high',
    subject: 'Pick-up at CGK Terminal 3 was 40 minutes late',
    body: 'We landed on GA 881 at 15:40 and waited at the Terminal 3 arrival hall until 17:10. Nobody answered the driver number.',
    moves: [
      { to: 'acknowledged', note: 'Mohon maaf, kami cek dengan koordinator transport.' },
      { to: 'in_progress', note: 'HiAce tertahan di tol Sedyatmo; Innova cadangan disiapkan untuk kedatangan berikutnya.' },
      { to: 'resolved', note: 'Apologised to the delegation; a spare car now waits at CGK for every late arrival.' },
    ],
  },
  {
    by: 'LO-02', reporter: 'DEL-SA-02', kind: 'complaint', category: 'other', severity: 'medium',
    subject: 'Lunch buffet at JCC not labelled halal',
    body: 'Ibu Noura asked which dishes at the Hall A lunch are halal; the catering staff could not say. She ate only fruit.',
    moves: [{ to: 'acknowledged', note: 'Diteruskan ke katering JCC; dibahas di rapat koordinasi.' }],
  },
  {
    by: 'LO-06', reporter: 'AG-BNPB-03', kind: 'incident', category: 'security', severity: 'high',
    subject: 'Escalator near Hall B stopped suddenly, a delegate fell',
    body: 'At 13:20 the escalator from the lobby to Hall B stopped; Bapak Eko fell two steps and hurt his wrist. PMI first aid treated him. Escalator taped off.',
    moves: [
      { to: 'acknowledged', note: 'Tim keamanan JCC dan teknisi sudah di lokasi.' },
      { to: 'in_progress', note: 'Menunggu laporan teknisi gedung; jalur ke Hall B dialihkan lewat lift.' },
    ],
  },
];

/** Ratings by guests: the target is a trip key, an LO's externalId, or a stay's hotel#room. */
export const RATINGS: { by: string; subject: 'transport' | 'accommodation' | 'lo' | 'event'; score: number; comment: string; trip?: string; lo?: string; stay?: string }[] = [
  { by: 'DEL-JP-02', subject: 'transport', score: 2, trip: 'pickup-jp', comment: 'Long wait at the airport after a night flight.' },
  { by: 'DEL-JP-02', subject: 'lo', score: 5, lo: 'LO-01', comment: 'Budi-san handled it quickly and kindly.' },
  { by: 'DEL-SA-01', subject: 'accommodation', score: 5, stay: `${MULIA}#Presidential Suite 2801`, comment: 'Early check-in at 03:00 was ready.' },
];
