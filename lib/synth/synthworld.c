/*
 * The synthetic world: fictional places and persons, and how records
 * garble them.  Persons are pure functions of (seed, id), so a pool of
 * millions costs nothing to hold.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/dates.h"
#include "kinds/ident.h"
#include "synth/synthworld.h"

/* Salt for the per-person stream. */
#define SALT_PERSON 0x7065727300000001ULL

struct sw_name {
	const char *name;
	const char *nicks;	/* "A|B" or NULL */
};

/*
 * Forenames, most common first; the draw favours the head of each list,
 * so that common names collide as in real data, while the tail gives
 * rarer and accented names.
 */
static const struct sw_name female[] = {
	{ "Sarah", NULL }, { "Emma", NULL }, { "Laura", NULL },
	{ "Rebecca", "Becky|Becca" }, { "Jessica", "Jess|Jessie" },
	{ "Charlotte", "Charlie|Lottie" }, { "Hannah", NULL },
	{ "Amy", NULL }, { "Gemma", NULL }, { "Emily", "Em|Emmy" },
	{ "Samantha", "Sam|Sammy" }, { "Rachel", NULL },
	{ "Lauren", NULL }, { "Chloe", NULL }, { "Sophie", "Soph" },
	{ "Victoria", "Vicky|Tori" }, { "Katherine", "Kate|Katie|Kath" },
	{ "Elizabeth", "Liz|Beth|Lizzie" }, { "Jennifer", "Jen|Jenny" },
	{ "Nicola", "Nicky" }, { "Michelle", "Shelley" },
	{ "Kelly", NULL }, { "Claire", NULL }, { "Lisa", NULL },
	{ "Danielle", "Dani" }, { "Natalie", "Nat" },
	{ "Stephanie", "Steph" }, { "Jade", NULL }, { "Leanne", NULL },
	{ "Olivia", "Liv|Livvy" }, { "Amelia", "Millie" },
	{ "Isabella", "Bella|Izzy" }, { "Margaret", "Maggie|Peggy" },
	{ "Susan", "Sue|Susie" }, { "Deborah", "Debbie|Deb" },
	{ "Patricia", "Trish|Pat" }, { "Christine", "Chris|Chrissy" },
	{ "Amanda", "Mandy" }, { "Kimberley", "Kim" },
	{ "Eleanor", "Ellie|Nell" }, { "Abigail", "Abbie|Abby" },
	{ "Alexandra", "Alex|Lexi" }, { "Catherine", "Cathy|Cath|Kate" },
	{ "Georgia", "George" }, { "Megan", "Meg" }, { "Holly", NULL },
	{ "Zoe", NULL }, { "Aisha", NULL }, { "Fatima", NULL },
	{ "Priya", NULL }, { "Amina", NULL }, { "Shanice", NULL },
	{ "Chantelle", NULL }, { "Precious", NULL }, { "Grace", NULL },
	{ "Maria", NULL }, { "Ana", NULL }, { "Joanna", "Jo|Asia" },
	{ "Agnieszka", "Aga" }, { "Zuzana", "Zuzka" }, { "Roxana", NULL },
	{ "Nadia", NULL }, { "Yasmin", "Yaz" }, { "Bethany", "Beth" },
	{ "Niamh", NULL }, { "Aoife", NULL }, { "Siobhan", NULL },
	{ "Zoë", NULL }, { "Chloé", NULL }, { "Renée", NULL },
	{ "Anaïs", NULL }, { "Siân", NULL }, { "Inés", NULL },
	{ "Mónica", NULL }, { "Françoise", NULL }, { "Tabitha", "Tabby" },
	{ "Ottilie", "Tilly" }, { "Wilhelmina", "Mina|Billie" },
	{ "Perpetua", NULL }, { "Morwenna", "Wenna" },
};

static const struct sw_name male[] = {
	{ "David", "Dave|Davey" }, { "Michael", "Mike|Mick|Mikey" },
	{ "James", "Jim|Jimmy|Jamie" }, { "John", "Johnny|Jack" },
	{ "Robert", "Bob|Rob|Bobby|Robbie" }, { "Paul", NULL },
	{ "Daniel", "Dan|Danny" }, { "Christopher", "Chris|Kit" },
	{ "Mark", NULL }, { "Andrew", "Andy|Drew" },
	{ "Richard", "Rich|Rick|Ricky|Dick" }, { "Thomas", "Tom|Tommy" },
	{ "Matthew", "Matt" }, { "Steven", "Steve|Stevie" },
	{ "Jason", NULL }, { "Lee", NULL }, { "Craig", NULL },
	{ "Ryan", NULL }, { "Dean", NULL }, { "Wayne", NULL },
	{ "Anthony", "Tony|Ant" }, { "Joseph", "Joe|Joey" },
	{ "William", "Will|Bill|Billy|Liam" }, { "Jonathan", "Jon|Jonny" },
	{ "Stephen", "Steve|Stevie" }, { "Darren", "Daz" },
	{ "Benjamin", "Ben|Benny" }, { "Samuel", "Sam|Sammy" },
	{ "Alexander", "Alex|Al|Sandy" }, { "Nicholas", "Nick|Nicky" },
	{ "Edward", "Ed|Eddie|Ted" }, { "Patrick", "Pat|Paddy" },
	{ "Kevin", "Kev" }, { "Gary", "Gaz" }, { "Scott", NULL },
	{ "Shaun", NULL }, { "Jordan", NULL }, { "Connor", NULL },
	{ "Kyle", NULL }, { "Liam", NULL }, { "Callum", "Cal" },
	{ "Mohammed", "Mo" }, { "Ahmed", NULL }, { "Imran", NULL },
	{ "Tariq", NULL }, { "Kwame", NULL }, { "Chidi", NULL },
	{ "Tyrone", "Ty" }, { "Marcus", NULL }, { "Dwayne", NULL },
	{ "Piotr", "Piotrek" }, { "Tomasz", "Tomek" },
	{ "Marius", NULL }, { "Andrei", NULL }, { "Mehmet", NULL },
	{ "Aleksander", "Olek" }, { "Sean", NULL }, { "Declan", "Dec" },
	{ "Seán", NULL }, { "Ciarán", NULL }, { "José", "Pepe" },
	{ "Joaquín", NULL }, { "François", NULL }, { "Björn", NULL },
	{ "Tomás", NULL }, { "Jürgen", NULL }, { "Bartholomew", "Bart" },
	{ "Peregrine", "Perry" }, { "Leopold", "Leo" },
	{ "Thaddeus", "Tad" }, { "Ignatius", "Iggy" },
};

static const char *const surnames[] = {
	"Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans",
	"Wilson", "Thomas", "Johnson", "Roberts", "Robinson", "Thompson",
	"Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
	"Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner",
	"Martin", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark",
	"Lee", "King", "Baker", "Harrison", "Morgan", "Allen", "James",
	"Scott", "Phillips", "Watson", "Davis", "Parker", "Price",
	"Bennett", "Young", "Griffiths", "Mitchell", "Kelly", "Cook",
	"Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw",
	"Murphy", "Miller", "Cox", "Richards", "Khan", "Marshall",
	"Anderson", "Simpson", "Ellis", "Adams", "Singh", "Begum",
	"Wilkinson", "Foster", "Chapman", "Powell", "Webb", "Rogers",
	"Gray", "Mason", "Ali", "Hunt", "Hussain", "Campbell", "Matthews",
	"Owen", "Palmer", "Holmes", "Mills", "Barnes", "Knight", "Lloyd",
	"Butler", "Russell", "Barker", "Fisher", "Stevens", "Jenkins",
	"Murray", "Dixon", "Harvey", "Graham", "Pearson", "Ahmed",
	"Fletcher", "Walsh", "Kaur", "Gibson", "Howard", "Andrews",
	"Stewart", "Elliott", "Reynolds", "Saunders", "Payne", "Fox",
	"Ford", "Pearce", "Day", "Brooks", "West", "Lawrence", "Cole",
	"Atkinson", "Bradley", "Spencer", "Gill", "Dawson", "Ball",
	"Burton", "O'Brien", "Watts", "Rose", "Booth", "Perry", "Ryan",
	"Grant", "Wells", "Armstrong", "Francis", "Rees", "Hayes",
	"Hart", "Hudson", "Newman", "Barrett", "Webster", "Hunter",
	"Gregory", "Carr", "Lowe", "Page", "Marsh", "Riley", "Dunn",
	"Woods", "Parsons", "Berry", "Stone", "Reid", "Holland",
	"Hawkins", "Harding", "Porter", "Robertson", "Newton", "Oliver",
	"Reed", "Kennedy", "Williamson", "Bird", "Gardner", "Shah",
	"Dean", "Lane", "Cooke", "Bates", "Henderson", "Parry", "Burgess",
	"Bishop", "Walton", "Burns", "Nicholson", "Shepherd", "Ross",
	"Cross", "Long", "Freeman", "Warren", "Nicholls", "Hamilton",
	"Byrne", "Sutton", "McDonald", "Yates", "Hodgson", "Robson",
	"Curtis", "Hopkins", "O'Connor", "Harper", "Coleman", "Watkins",
	"Moss", "McCarthy", "Chambers", "O'Neill", "Griffin", "Sharp",
	"Hardy", "Wheeler", "Potter", "Osborne", "Johnston", "Gordon",
	"Doyle", "Wallace", "George", "Jordan", "Hutchinson", "Okafor",
	"Adeyemi", "Mensah", "Nowak", "Kowalski", "Popescu", "Nguyen",
	"Yilmaz", "Rahman", "Chowdhury", "Iqbal", "Mahmood", "Akhtar",
	"Osei", "Boateng", "Silva", "Santos", "Ferreira", "Da Costa",
	"De Souza", "Van der Berg", "Smith-Jones", "Clarke-Reid",
	"Müller", "García", "Núñez", "Pérez", "Gonçalves", "Ó Briain",
	"Brontë", "Fairweather", "Quartermaine", "Throgmorton",
	"Pennyfeather", "Loveday", "Blackwood", "Winterbourne",
	"Ashgrove", "Featherstonehaugh",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

const char *const sw_borough[SW_NBOROUGHS] = { "Northfield", "Southmere" };

const struct sw_ward sw_ward[SW_NWARDS] = {
	{ "Ashby Green", 0, "NF1", 1.6 },
	{ "Brookhollow", 0, "NF2", 1.0 },
	{ "Carlton Rise", 0, "NF3", 0.8 },
	{ "Dunmore Park", 0, "NF4", 1.2 },
	{ "Elmstead", 0, "NF5", 0.7 },
	{ "Fairley Common", 0, "NF6", 0.9 },
	{ "Greyfriars", 0, "NF7", 2.2 },
	{ "Hallam Vale", 0, "NF8", 0.6 },
	{ "Ivybridge North", 0, "NF9", 1.1 },
	{ "Juniper Cross", 0, "NF10", 1.4 },
	{ "Kestrel Heath", 1, "SQ1", 0.9 },
	{ "Larkmoor", 1, "SQ2", 1.3 },
	{ "Marsh End", 1, "SQ3", 1.8 },
	{ "Netherby", 1, "SQ4", 0.7 },
	{ "Old Quay", 1, "SQ5", 2.4 },
	{ "Pellow Fields", 1, "SQ6", 1.0 },
	{ "Quarry Hill", 1, "SQ7", 0.8 },
	{ "Rookwood", 1, "SQ8", 1.2 },
	{ "Saltings", 1, "SQ9", 1.5 },
	{ "Tollgate", 1, "SQ10", 0.6 },
};

/* Outward codes for persons living outside the BCU (fictional areas). */
static const char *const away[] = {
	"WQ1", "WQ4", "WQ12", "EY2", "EY7", "KX3", "KX9", "KX14",
};

/* Letters allowed in the inward code. */
static const char inward[] = "ABDEFGHJLNPQRSTUWXYZ";

int
sw_pick_ward(struct rng *r)
{
	static double cum[SW_NWARDS];
	int i;

	if (cum[SW_NWARDS - 1] == 0)
		for (i = 0; i < SW_NWARDS; i++)
			cum[i] = (i > 0 ? cum[i - 1] : 0) + sw_ward[i].weight;
	return (int)rng_weighted(r, cum, SW_NWARDS);
}

void
sw_init(struct sw_world *w, uint64_t seed, uint64_t n, int32_t ref_day)
{
	if (n < 30)
		n = 30;
	w->seed = seed;
	w->noffenders = n * 4 / 10;
	w->nadults = n * 5 / 10;
	w->nchildren = n - w->noffenders - w->nadults;
	w->ref_day = ref_day;
}

uint64_t
sw_segsize(const struct sw_world *w, enum sw_segment s)
{
	return s == SW_SEG_OFFENDER ? w->noffenders :
	    s == SW_SEG_ADULT ? w->nadults : w->nchildren;
}

uint64_t
sw_member(const struct sw_world *w, enum sw_segment s, uint64_t i)
{
	(void)w;
	return i * 3 + (uint64_t)s;
}

char
sw_pnc_check(int year, uint32_t serial)
{
	return ident_pnc_check(year % 100, (long)(serial % 10000000u));
}

void
sw_pnc_format(int year, uint32_t serial, char letter, char *buf)
{
	int i;

	if (letter == 0)
		letter = sw_pnc_check(year, serial);
	serial %= 10000000u;
	for (i = 3; i >= 0; i--, year /= 10)
		buf[i] = (char)('0' + year % 10);
	buf[4] = '/';
	for (i = 11; i >= 5; i--, serial /= 10)
		buf[i] = (char)('0' + serial % 10);
	buf[12] = letter;
	buf[13] = '\0';
}

void
sw_postcode(struct rng *r, int ward, char *buf)
{
	const char *out;
	unsigned sector;
	size_t n;

	if (ward >= 0 && ward < SW_NWARDS)
		out = sw_ward[ward].district;
	else
		out = away[rng_below(r, NELEM(away))];
	sector = (unsigned)rng_below(r, 10);
	n = strlen(out);
	memcpy(buf, out, n);
	buf[n++] = ' ';
	buf[n++] = (char)('0' + sector);
	buf[n++] = inward[rng_below(r, sizeof(inward) - 1)];
	buf[n++] = inward[rng_below(r, sizeof(inward) - 1)];
	buf[n] = '\0';
}

int
sw_postcode_ward(const char *pc)
{
	int i;
	size_t n = strcspn(pc, " ");

	for (i = 0; i < SW_NWARDS; i++)
		if (strlen(sw_ward[i].district) == n &&
		    memcmp(sw_ward[i].district, pc, n) == 0)
			return i;
	return -1;
}

void
sw_lsoa(const char *pc, char *buf)
{
	int ward = sw_postcode_ward(pc);
	const char *sp = strchr(pc, ' ');
	int k = sp != NULL && isdigit((unsigned char)sp[1]) ?
	    (sp[1] - '0') % SW_LSOA_PER_WARD : 0;

	if (ward < 0) {
		buf[0] = '\0';
		return;
	}
	/* E01 codes above any real one: plainly fictional. */
	snprintf(buf, 10, "E01%06u",
	    (unsigned)(900001 + ward * SW_LSOA_PER_WARD + k) % 1000000u);
}

/* Age in whole years at day ref of someone born on dob. */
static int32_t
years_before(int32_t ref, int years, int32_t spread_days, struct rng *r)
{
	return ref - (int32_t)(years * 365.25) -
	    (int32_t)rng_below(r, (uint64_t)spread_days);
}

void
sw_person(const struct sw_world *w, uint64_t id, struct sw_person *p)
{
	struct rng r;
	enum sw_segment seg = (enum sw_segment)(id % 3);
	const struct sw_name *fn;
	double u;
	int age;

	rng_seed(&r, rng_derive(w->seed, SALT_PERSON, id));
	p->id = id;
	switch (seg) {
	case SW_SEG_OFFENDER:
		p->sex = rng_chance(&r, 0.92) ? 'M' : 'F';
		/* Adults 18-65, most in their twenties and thirties. */
		age = 18 + (int)rng_skewed(&r, 48, 2.0);
		break;
	case SW_SEG_ADULT:
		p->sex = rng_chance(&r, 0.9) ? 'F' : 'M';
		age = 16 + (int)rng_skewed(&r, 61, 1.5);
		break;
	default:
		p->sex = rng_chance(&r, 0.8) ? 'F' : 'M';
		age = 2 + (int)rng_below(&r, 14);
		break;
	}
	p->dob = years_before(w->ref_day, age, 365, &r);
	if (p->sex == 'F')
		fn = &female[rng_skewed(&r, NELEM(female), 1.5)];
	else
		fn = &male[rng_skewed(&r, NELEM(male), 1.5)];
	p->forename = fn->name;
	p->nicks = fn->nicks;
	p->surname = surnames[rng_skewed(&r, NELEM(surnames), 1.5)];
	p->alt_surname = NULL;
	if (seg == SW_SEG_ADULT && p->sex == 'F' && rng_chance(&r, 0.12))
		p->alt_surname = surnames[rng_skewed(&r, NELEM(surnames),
		    1.5)];
	p->pnc_year = 0;
	p->pnc_serial = 0;
	u = seg == SW_SEG_OFFENDER ? 0.72 : seg == SW_SEG_ADULT ? 0.12 : 0;
	if (rng_chance(&r, u)) {
		int y0, y1, y;

		date_to_ymd(p->dob, &y0, &age, &age);
		date_to_ymd(w->ref_day, &y1, &age, &age);
		y = y0 + 12 + (int)rng_below(&r, 25);
		p->pnc_year = y < y1 ? y : y1;
		if (p->pnc_year < 1975)
			p->pnc_year = 1975;
		p->pnc_serial = (uint32_t)rng_below(&r, 900000) + 1;
	}
	/* Most live in the BCU, more of them in the busier wards. */
	p->ward = rng_chance(&r, 0.86) ? sw_pick_ward(&r) : -1;
	sw_postcode(&r, p->ward, p->postcode);
}

/* UTF-8 two-byte Latin-1 letters (U+00C0..U+00FF) to ASCII. */
static const char unacc[64] =
    "AAAAAAACEEEEIIIIDNOOOOOxOUUUUYTs"
    "aaaaaaaceeeeiiiidnooooo/ouuuuyty";

size_t
sw_unaccent(const char *s, char *buf, size_t cap)
{
	size_t n = 0;

	for (; *s != '\0' && n + 1 < cap; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == 0xC3 && (unsigned char)s[1] >= 0x80 &&
		    (unsigned char)s[1] <= 0xBF) {
			buf[n++] = unacc[(unsigned char)s[1] - 0x80];
			s++;
		} else {
			buf[n++] = (char)c;
		}
	}
	buf[n] = '\0';
	return n;
}

/* Copies up to a '|' or the end. */
static size_t
copy_token(const char *s, char *buf, size_t cap)
{
	size_t n = strcspn(s, "|");

	if (n >= cap)
		n = cap - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return n;
}

/* The k-th of "A|B|C". */
static size_t
nth_token(const char *s, unsigned k, char *buf, size_t cap)
{
	while (k-- > 0 && (s = strchr(s, '|')) != NULL)
		s++;
	return copy_token(s != NULL ? s : "", buf, cap);
}

static unsigned
count_tokens(const char *s)
{
	unsigned n = 1;

	for (; *s; s++)
		n += *s == '|';
	return n;
}

static int
is_ascii_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

/*
 * One keyboard or hearing slip inside a name: swapped neighbours, a
 * dropped or doubled letter, or a vowel for another.  Only ASCII
 * lower-case letters after the first are touched.
 */
static size_t
typo(struct rng *r, char *s, size_t n, size_t cap)
{
	static const char vowels[] = "aeiou";
	size_t i, tries;

	if (n < 3)
		return n;
	for (tries = 0; tries < 4; tries++) {
		i = 1 + (size_t)rng_below(r, n - 1);
		if (is_ascii_lower(s[i]))
			break;
	}
	if (!is_ascii_lower(s[i]))
		return n;
	switch (rng_below(r, 4)) {
	case 0:		/* transposition */
		if (i + 1 < n && is_ascii_lower(s[i + 1]) && s[i] != s[i + 1]) {
			char t = s[i];

			s[i] = s[i + 1];
			s[i + 1] = t;
			break;
		}
		/* FALLTHROUGH */
	case 1:		/* deletion */
		memmove(s + i, s + i + 1, n - i);
		n--;
		break;
	case 2:		/* doubling */
		if (n + 2 < cap) {
			memmove(s + i + 1, s + i, n - i + 1);
			n++;
		}
		break;
	default:	/* substitution of a vowel, or a neighbour key */
		if (strchr(vowels, s[i]) != NULL)
			s[i] = vowels[(strchr(vowels, s[i]) - vowels + 1 +
			    (int)rng_below(r, 4)) % 5];
		else
			s[i] = s[i] == 'z' ? 'x' : (char)(s[i] + 1);
		break;
	}
	s[n] = '\0';
	return n;
}

/* Upper or lower case of ASCII letters (accented letters stay). */
static void
recase(char *s, int upper)
{
	for (; *s; s++)
		*s = (char)(upper ? toupper((unsigned char)*s) :
		    tolower((unsigned char)*s));
}

/* Spacing slips: a stray leading or trailing space, or a doubled inner one. */
static size_t
respace(struct rng *r, char *s, size_t n, size_t cap)
{
	char *sp;

	if (n + 2 >= cap)
		return n;
	if ((sp = strpbrk(s, " -")) != NULL && rng_chance(r, 0.6)) {
		if (*sp == '-')
			*sp = ' ';	/* "Smith-Jones" as "Smith Jones" */
		else {
			memmove(sp + 1, sp, n - (size_t)(sp - s) + 1);
			n++;
		}
		return n;
	}
	if (rng_chance(r, 0.5)) {
		memmove(s + 1, s, n + 1);
		s[0] = ' ';
	} else {
		s[n] = ' ';
		s[n + 1] = '\0';
	}
	return n + 1;
}

size_t
sw_noisy_forename(struct rng *r, const struct sw_person *p, double rate,
    char *buf, size_t cap)
{
	size_t n;
	double u = rng_unit(r);

	if (rate > 0 && u < 0.10 * rate && p->nicks != NULL)
		n = nth_token(p->nicks, (unsigned)rng_below(r,
		    count_tokens(p->nicks)), buf, cap);
	else if (rate > 0 && u < 0.13 * rate) {
		/* Initial only. */
		n = 1;
		if ((unsigned char)p->forename[0] >= 0x80)
			n = sw_unaccent(p->forename, buf, cap) > 0;
		else
			buf[0] = p->forename[0];
		buf[n] = '\0';
		return n;
	} else
		n = copy_token(p->forename, buf, cap);
	if (rate <= 0)
		return n;
	if (rng_chance(r, 0.35 * rate) && strchr(buf, '\xc3') != NULL)
		n = sw_unaccent(buf, buf, cap);
	if (rng_chance(r, 0.035 * rate))
		n = typo(r, buf, n, cap);
	u = rng_unit(r);
	if (u < 0.06 * rate)
		recase(buf, 1);
	else if (u < 0.08 * rate)
		recase(buf, 0);
	if (rng_chance(r, 0.015 * rate))
		n = respace(r, buf, n, cap);
	return n;
}

size_t
sw_noisy_surname(struct rng *r, const struct sw_person *p, double rate,
    char *buf, size_t cap)
{
	size_t n;
	double u;
	const char *s = p->surname;

	if (p->alt_surname != NULL && rate > 0 && rng_chance(r, 0.45))
		s = p->alt_surname;
	n = copy_token(s, buf, cap);
	if (rate <= 0)
		return n;
	if (rng_chance(r, 0.35 * rate) && strchr(buf, '\xc3') != NULL)
		n = sw_unaccent(buf, buf, cap);
	if (rng_chance(r, 0.03 * rate))
		n = typo(r, buf, n, cap);
	u = rng_unit(r);
	if (u < 0.10 * rate)
		recase(buf, 1);
	else if (u < 0.12 * rate)
		recase(buf, 0);
	if (rng_chance(r, 0.02 * rate))
		n = respace(r, buf, n, cap);
	return n;
}

size_t
sw_noisy_dob(struct rng *r, const struct sw_person *p, double rate, char *buf)
{
	int y, m, d;
	double u = rng_unit(r);

	date_to_ymd(p->dob, &y, &m, &d);
	if (u < 0.04 * rate) {
		buf[0] = '\0';
		return 0;
	}
	if (u < 0.06 * rate && d <= 12 && d != m) {
		int t = d;	/* day and month swapped */

		d = m;
		m = t;
	} else if (u < 0.07 * rate) {
		/* One field off by one, still a real date. */
		if (rng_chance(r, 0.5))
			y += rng_chance(r, 0.5) ? 1 : -1;
		else
			d = d < 28 ? d + 1 : d - 1;
	} else if (u < 0.075 * rate) {
		d = 1;		/* only the year known: 1 January */
		m = 1;
	}
	date_format(date_from_ymd(y, m, d), buf);
	return 10;
}

size_t
sw_noisy_pnc(struct rng *r, const struct sw_person *p, double rate, char *buf)
{
	if (p->pnc_year == 0 || rng_chance(r, 0.3 * rate)) {
		buf[0] = '\0';
		return 0;
	}
	sw_pnc_format(p->pnc_year, p->pnc_serial, 0, buf);
	return 13;
}
