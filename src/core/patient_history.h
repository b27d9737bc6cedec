#pragma once
/// Everything recorded about one patient: what the database loads and saves as a whole, and what
/// reviews, reports and exports read.

#include <string>
#include <vector>

#include "core/ctss.h"
#include "core/msasss.h"
#include "core/patient.h"
#include "core/sacroiliitis.h"
#include "core/treatment.h"
#include "core/visit.h"

namespace ankylos::core {

/// One reader's sacroiliitis grades of one pelvic film.
struct PelvicFilmReading {
    std::string reader;
    PelvicFilm film;
};

/// A signature of one of the patient's visits or readings: who vouched for the record, when, and
/// whether it still covers the record as it is now (a change after signing needs a new signature).
struct SignOff {
    enum class Record { Visit, Reading };
    Record record = Record::Visit;
    Date date;                       ///< the visit's date, or the read film's
    std::string reader;              ///< a reading's reader; empty for a visit
    std::string signer;              ///< the account (on a server) or name (on a file) that signed
    std::string signedAt;            ///< UTC, ISO 8601
    std::string meaning;             ///< "reviewed and approved"
    bool passwordConfirmed = false;  ///< the server checked the signer's password; a file records a name
    bool current = true;             ///< false once the record changed after signing
};

struct PatientHistory {
    Patient patient;
    std::vector<Visit> visits;    ///< in date order
    std::vector<Film> films;      ///< in date order, each with its readings
    std::vector<CtScan> ctScans;  ///< low-dose CT scans in date order, each with its CTSS readings
    std::vector<PelvicFilmReading> pelvicFilms;
    std::vector<SignOff> signOffs;             ///< in the order they were made
    std::vector<TreatmentEpisode> treatments;  ///< the treatment course, by start date then drug
};

}  // namespace ankylos::core
