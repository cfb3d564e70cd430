import { Injectable } from '@nestjs/common';
import { hashPassword } from '@enlace/auth';
import { UsersRepository, type LiaisonStatus } from '@enlace/persistence';
import { CHANNELS_DATA, type CountryCode, type Role } from '@enlace/workflows';

interface DemoUser {
  email: string;
  name: string;
  role: Role;
  country: CountryCode | null;
  office: string | null;
  /** What the signature block prints under the name. */
  post?: string;
  liaison?: LiaisonStatus;
}

const designatedOffice = (country: CountryCode): string => {
  const office = CHANNELS_DATA.designation(country, 'UNTOC_ART18')?.office;
  const name = office?.es ?? office?.en ?? office?.fr;
  if (!name) throw new Error(`channels.json names no central authority of ${country} under UNTOC`);
  return name;
};

/** The demo directory of the HTTP contract ("Demo directory"); never created unless asked for. */
export const DEMO_USERS: readonly DemoUser[] = [
  { email: 'fiscal.gt@demo.enlace', name: 'Ana Lucía Pérez Chávez', post: 'Fiscal de Sección', role: 'fiscal', country: 'GT', office: 'Fiscalía contra la Trata de Personas y el Tráfico Ilícito de Migrantes, Ministerio Público', liaison: 'authorized' },
  { email: 'fiscal.mx@demo.enlace', name: 'Jorge Ramírez Peña', post: 'Agente del Ministerio Público de la Federación', role: 'fiscal', country: 'MX', office: 'Unidad Especializada en Tráfico de Migrantes, Fiscalía General de la República', liaison: 'authorized' },
  { email: 'fiscal.us@demo.enlace', name: 'Emily Carter', post: 'Trial Attorney', role: 'fiscal', country: 'US', office: 'Human Rights and Special Prosecutions Section, Department of Justice', liaison: 'authorized' },
  { email: 'fiscal.hn@demo.enlace', name: 'Carlos Alberto Mejía', post: 'Fiscal Especial', role: 'fiscal', country: 'HN', office: 'Fiscalía Especial contra la Trata de Personas y el Tráfico de Migrantes, Ministerio Público', liaison: 'none' },
  { email: 'cancilleria.gt@demo.enlace', name: 'María José Estrada', post: 'Directora de Asuntos Jurídicos', role: 'cancilleria', country: 'GT', office: 'Dirección de Asuntos Jurídicos, Ministerio de Relaciones Exteriores' },
  { email: 'cancilleria.hn@demo.enlace', name: 'Luis Fernando Zelaya', post: 'Director General de Asuntos Jurídicos', role: 'cancilleria', country: 'HN', office: 'Dirección General de Asuntos Jurídicos, Secretaría de Relaciones Exteriores' },
  { email: 'cancilleria.mx@demo.enlace', name: 'Alejandra Sánchez Robles', post: 'Consultora Jurídica Adjunta', role: 'cancilleria', country: 'MX', office: 'Consultoría Jurídica, Secretaría de Relaciones Exteriores' },
  // Guatemala's central authority transmits its requests where the route runs between central
  // authorities; its office is the one Guatemala designated under UNTOC (channels.json).
  { email: 'autoridad.gt@demo.enlace', name: 'Héctor Manuel Son Turnil', post: 'Secretario de Asuntos Internacionales', role: 'central_authority', country: 'GT', office: designatedOffice('GT') },
  { email: 'autoridad.mx@demo.enlace', name: 'Patricia Núñez Olvera', post: 'Directora General de Asuntos Jurídicos Internacionales', role: 'central_authority', country: 'MX', office: 'Dirección General de Asuntos Jurídicos Internacionales, Fiscalía General de la República' },
  { email: 'autoridad.us@demo.enlace', name: 'Michael Thompson', post: 'Associate Director', role: 'central_authority', country: 'US', office: 'Office of International Affairs, Criminal Division, Department of Justice' },
  { email: 'supervisor.gt@demo.enlace', name: 'Rosa Elena Castillo', post: 'Secretaria de Política Criminal', role: 'supervisor', country: 'GT', office: 'Secretaría de Política Criminal, Ministerio Público' },
  { email: 'admin@demo.enlace', name: 'Administración Enlace', role: 'admin', country: null, office: null },
];

/** Liaison authorizations of the demo run to the end of next year, so a fresh demo always works. */
const demoValidUntil = (now: Date): string => `${now.getUTCFullYear() + 1}-12-31`;

@Injectable()
export class DemoDirectory {
  constructor(private readonly users: UsersRepository) {}

  /** Creates the demo users that do not exist yet; existing ones (and their passwords) are kept. */
  async seed(password: string, now: Date): Promise<number> {
    const passwordHash = await hashPassword(password);
    let created = 0;
    for (const user of DEMO_USERS) {
      if (await this.users.findByEmail(user.email)) continue;
      await this.users.ensure({
        email: user.email,
        name: user.name,
        role: user.role,
        country: user.country,
        office: user.office,
        post: user.post ?? null,
        passwordHash,
        liaisonStatus: user.liaison ?? 'none',
        liaisonValidUntil: user.liaison === 'authorized' ? demoValidUntil(now) : null,
      });
      created += 1;
    }
    return created;
  }
}
