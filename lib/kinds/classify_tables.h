/* The built-in classification tables as CSV text (see classify.h). */
#ifndef VAWG_CLASSIFY_TABLES_H
#define VAWG_CLASSIFY_TABLES_H

extern const char classify_offences_csv[];
extern const char classify_outcomes_csv[];
extern const char classify_ukp_crime_csv[];
extern const char classify_ukp_outcome_csv[];

#endif
