#pragma once
/// Everything recorded about one patient: what the database loads and saves as a whole, and what
/// reviews, reports and exports read.

#include <string>
#include <vector>

#include "core/msasss.h"
#include "core/patient.h"
#include "core/sacroiliitis.h"
#include "core/visit.h"

namespace ankylos::core {

/// One reader's sacroiliitis grades of one pelvic film.
struct PelvicFilmReading {
    std::string reader;
    PelvicFilm film;
};

struct PatientHistory {
    Patient patient;
    std::vector<Visit> visits;  ///< in date order
    std::vector<Film> films;    ///< in date order, each with its readings
    std::vector<PelvicFilmReading> pelvicFilms;
};

}  // namespace ankylos::core
