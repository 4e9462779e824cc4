/**
 * Realistic contact values for the contacts benchmark: common US first and last names (a few
 * hundred each, so that a name fragment matches a realistic share of a large list, as it would
 * in a real CRM), email domains, and a thousand company names. Written as word lists rather than
 * one array element per line to keep the file readable.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';

function words(list: string): string[] {
  return list.split(/\s+/).filter(Boolean);
}

export const FIRST_NAMES = words(`
  James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard
  Susan Joseph Jessica Thomas Sarah Christopher Karen Charles Lisa Daniel Nancy Matthew Betty
  Anthony Sandra Mark Margaret Donald Ashley Steven Kimberly Andrew Emily Paul Donna Joshua
  Michelle Kenneth Carol Kevin Amanda Brian Melissa George Deborah Timothy Stephanie Ronald
  Dorothy Jason Rebecca Edward Sharon Jeffrey Laura Ryan Cynthia Jacob Amy Gary Kathleen Nicholas
  Angela Eric Shirley Jonathan Brenda Stephen Emma Larry Anna Justin Pamela Scott Nicole Brandon
  Samantha Benjamin Katherine Samuel Christine Gregory Helen Alexander Debra Patrick Rachel Frank
  Carolyn Raymond Janet Jack Maria Dennis Catherine Jerry Heather Tyler Diane Aaron Olivia Jose
  Julie Adam Joyce Nathan Victoria Henry Ruth Zachary Virginia Douglas Lauren Peter Kelly Kyle
  Christina Noah Joan Ethan Evelyn Jeremy Judith Christian Andrea Walter Hannah Keith Megan Austin
  Cheryl Roger Jacqueline Terry Martha Sean Madison Gerald Teresa Carl Gloria Dylan Sara Harold
  Janice Jordan Ann Jesse Kathryn Bryan Abigail Lawrence Sophia Arthur Frances Gabriel Jean Bruce
  Alice Logan Judy Billy Isabella Joe Julia Alan Grace Juan Amber Elijah Denise Willie Danielle
  Albert Marilyn Wayne Beverly Randy Charlotte Mason Natalie Vincent Theresa Liam Diana Roy Brittany
  Bobby Doris Caleb Kayla Bradley Alexis Russell Lori Lucas Marie Hector Rosa Ivan Leah Omar Priya
  Wei Mei Hiroshi Yuki Ahmed Fatima Carlos Lucia Diego Camila Rahul Aisha Kwame Ngozi Dmitri Elena
`);

export const LAST_NAMES = words(`
  Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez
  Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris
  Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill
  Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans
  Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez
  Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson
  Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel
  Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler
  Henderson Barnes Gonzales Fisher Vasquez Simmons Romero Jordan Patterson Alexander Hamilton
  Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina
  Aguilar Stevens Murray Ford Castro Marshall Owens Harrison Fernandez McDonald Woods Washington
  Kennedy Wells Vargas Henry Chen Freeman Webb Tucker Guzman Burns Crawford Olson Simpson Porter
  Hunter Gordon Mendez Silva Shaw Snyder Mason Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black
  Robertson Boyd Rose Stone Salazar Fox Warren Mills Meyer Rice Schmidt Garza Daniels Ferguson
  Nichols Stephens Soto Weaver Ryan Gardner Payne Grant Dunn Kelley Spencer Hawkins Arnold Pierce
  Vazquez Hansen Peters Santos Hart Bradley Knight Elliott Cunningham Duncan Armstrong Hudson
  Carroll Lane Riley Andrews Alvarado Ray Delgado Berry Perkins Hoffman Johnston Matthews Pena
  Richards Contreras Willis Carpenter Lawrence Sandoval Guerrero George Chapman Rios Estrada
  Ortega Watkins Greene Nunez Wheeler Valdez Harper Burke Larson Santiago Maldonado Morrison
  Franklin Carlson Austin Dominguez Carr Lawson Jacobs Obrien Lynch Singh Vega Bishop Montgomery
  Oliver Jensen Harvey Williamson Gilbert Dean Sims Espinoza Howell Li Wong Reid Hanson Le
  McCoy Garrett Burton Fuller Wang Weber Welch Rojas Lucas Marquez Fields Park Yang Little Banks
  Padilla Day Walsh Bowman Schultz Luna Fowler Mejia Davidson Acosta Brewer May Holland Juarez
  Newman Pearson Curtis Cortez Douglas Schneider Joseph Barrett Navarro Figueroa Keller Avila
  Wade Molina Stanley Hopkins Campos Barnett Bates Chambers Caldwell Beck Lambert Miranda Byrd
  Craig Ayala Lowe Frazier Powers Neal Leonard Gregory Carrillo Sutton Fleming Rhodes Shelton
`);

export const EMAIL_DOMAINS = words(`
  gmail.com yahoo.com outlook.com hotmail.com icloud.com aol.com proton.me live.com msn.com
  comcast.net verizon.net att.net sbcglobal.net cox.net charter.net earthlink.net me.com mac.com
  fastmail.com zoho.com gmx.com mail.com yandex.com hey.com pm.me acmecorp.com northwind.io
  contoso.com fabrikam.com globex.com initech.com umbrella.co hooli.com piedpiper.net stark.com
  wayne.com wonka.com tyrell.com cyberdyne.io soylent.co oscorp.com massive.io vandelay.com
  dundermifflin.com sterlingcooper.com prestige.co bluth.com gekko.com monarch.io aperture.com
`);

/**
 * Distinctive first words of the company names, none of them a name from the lists above, so that
 * searching one finds its companies (1 % of the contacts) and not a person.
 */
export const COMPANY_WORDS = words(`
  Acme Apex Arbor Atlas Aurora Beacon Birch Bluebird Boulder Brightwave Cascade Cedar Cobalt Comet
  Copper Coral Crescent Cypress Deltaform Driftwood Eagleview Ember Evergreen Falconer Fjord Flint
  Foxglove Frontier Galaxy Garnet Glacier Granite Harborline Hawthorn Helix Horizon Indigo Ironwood
  Ivory Jade Juniper Keystone Kestrel Lantern Larkspur Lighthouse Lumen Magnolia Maple Meadow
  Meridian Mesa Monarch Nimbus Northwind Nova Oakridge Obsidian Onyx Orchid Osprey Pacifica Paragon
  Pinnacle Pioneer Polaris Prairie Quartz Quill Radiant Ravenwood Redwood Ridgeline Riverbend Sable
  Saffron Sapphire Sequoia Sierra Silverline Solstice Sparrow Spruce Starlight Sterling Summit
  Sunrise Tamarack Tidewater Timber Topaz Trident Tundra Vantage Velvet Verdant Vista Willowby
  Zenith Zephyr
`);

const COMPANY_KINDS = words(`
  Labs Group Systems Partners Logistics Foods Health Capital Studio Works
`);

/** 100 words × 10 kinds: a thousand companies, each word shared by ten of them. */
export const COMPANIES = COMPANY_WORDS.flatMap((word) =>
  COMPANY_KINDS.map((kind) => `${word} ${kind}`),
);

/**
 * The area code of the numbers the benchmark creates through the API and by direct INSERT. The
 * seeded contacts never use it, so a created number never collides with a seeded one.
 */
export const CREATE_AREA_CODE = 212;

/**
 * US area codes (201–989) that libphonenumber accepts, minus CREATE_AREA_CODE: a seeded number is
 * one the server's own validation would have let in.
 */
export function seedAreaCodes(): number[] {
  const codes: number[] = [];
  for (let code = 201; code <= 989; code += 1) {
    if (code === CREATE_AREA_CODE) continue;
    const phone = parsePhoneNumberFromString(`+1${code}2345678`);
    if (phone?.isValid() && phone.country === 'US') codes.push(code);
  }
  return codes;
}

export type NewContact = {
  name: string;
  email: string;
  /** E.164, as the server stores it. */
  phone: string;
  company: string;
};

/**
 * Contacts for the creation runs after the seed: unique emails (the tag tells the runs apart) and
 * unique, valid numbers in CREATE_AREA_CODE, the k-th number for k = offset, offset + 1, …; runs
 * with offsets far enough apart never share one. Numbers the validation refuses (a few exchanges
 * are reserved) are skipped, so the API never answers 400 for them.
 */
export function* newContacts(tag: string, offset: number): Generator<NewContact> {
  for (let n = 0; n < 8_000_000 - offset; n += 1) {
    // Local numbers 200-0000 to 999-9999 in a scattered order, as real numbers arrive; 7,919 is
    // coprime with 8,000,000, so k → local is one-to-one.
    const local = 2_000_000 + (((offset + n) * 7_919) % 8_000_000);
    const phone = `+1${CREATE_AREA_CODE}${local}`;
    if (!parsePhoneNumberFromString(phone)?.isValid()) continue;
    const first = pick(FIRST_NAMES, n * 31);
    const last = pick(LAST_NAMES, n * 17 + 5);
    yield {
      name: `${first} ${last}`,
      email: `${first}.${last}.${tag}${n}@${pick(EMAIL_DOMAINS, n)}`.toLowerCase(),
      phone,
      company: pick(COMPANIES, n * 7),
    };
  }
}

function pick(list: string[], index: number): string {
  const value = list[index % list.length];
  if (value === undefined) throw new Error('empty list');
  return value;
}
