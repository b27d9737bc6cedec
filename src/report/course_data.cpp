#include "report/course_data.h"

#include <algorithm>
#include <map>
#include <numeric>

#include "core/ctss_progression.h"
#include "core/format.h"
#include "core/site_events.h"
#include "core/validation.h"
#include "core/visit.h"

namespace ankylos::report {

namespace {

MsasssPoint msasssPoint(const core::Film& film, const core::Settings& settings) {
    core::FilmScore score = core::scoreFilm(film, settings.msasss);
    MsasssPoint point;
    point.date = film.date;
    point.total = score.value;
    point.reason = score.reason;
    for (const core::MsasssScore& reading : score.readingScores) {
        if (reading.total) {
            point.cervical = reading.cervical.value;
            point.lumbar = reading.lumbar.value;
            break;
        }
    }
    return point;
}

CtssPoint ctssPoint(const core::CtScan& scan, const core::Settings& settings) {
    const core::CtScanScore score = core::scoreCtScan(scan, settings.ctss);
    CtssPoint point{scan.date, score.value, std::nullopt, std::nullopt, std::nullopt, score.reason};
    for (const core::CtssScore& reading : score.readingScores) {
        if (reading.total) {
            point.cervical = reading.cervical.value;
            point.thoracic = reading.thoracic.value;
            point.lumbar = reading.lumbar.value;
            break;
        }
    }
    return point;
}

HeatMapColumn heatMapColumn(const core::Film& film, const core::Reading& reading) {
    HeatMapColumn column;
    column.date = film.date;
    column.reader = reading.reader;
    column.grades.assign(core::kSiteCount, kGradeNotScored);
    column.newSyndesmophyte.assign(core::kSiteCount, false);
    column.regression.assign(core::kSiteCount, false);
    for (int i = 0; i < core::kSiteCount; ++i) {
        const auto& site = reading.sites[i];
        if (site)
            column.grades[i] = site->assessable() ? site->grade() : kGradeNotAssessable;
    }
    return column;
}

/// One column per reading, film by film in date order; each reader's sites compared with that
/// reader's previous film (readers matched without regard to case, docs/methods.md 11).
void addHeatMap(CourseData& data, const std::vector<core::Film>& films, const core::Settings& settings) {
    std::vector<std::size_t> order(films.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return films[a].date < films[b].date; });
    std::map<std::string, std::pair<const core::Reading*, core::Date>> previous;
    for (std::size_t index : order) {
        const core::Film& film = films[index];
        if (film.readings.empty())
            data.heatMap.push_back(heatMapColumn(film, core::Reading{}));
        bool first = true;
        for (const core::Reading& reading : film.readings) {
            HeatMapColumn column = heatMapColumn(film, reading);
            column.firstOfFilm = first;
            first = false;
            const std::string reader = core::foldCase(reading.reader);
            auto before = previous.find(reader);
            if (before != previous.end()) {
                const auto events =
                    core::compareReadings(*before->second.first, reading, settings.progression);
                for (int s = 0; s < core::kSiteCount; ++s) {
                    column.newSyndesmophyte[s] = events[s].newSyndesmophyte || events[s].newBridging;
                    column.regression[s] = events[s].regression;
                }
                column.previousFilm = core::toIsoString(before->second.second);
            }
            previous[reader] = {&reading, film.date};
            data.heatMap.push_back(std::move(column));
        }
    }
}

/// One column per CTSS reading, scan by scan in date order; each reader's quadrants compared with
/// that reader's previous scan (readers matched without regard to case) and counted per unit.
void addCtssHeatMap(CourseData& data, const std::vector<core::CtScan>& scans) {
    std::vector<const core::CtScan*> order;
    for (const core::CtScan& scan : scans)
        order.push_back(&scan);
    std::stable_sort(order.begin(), order.end(),
                     [](const core::CtScan* a, const core::CtScan* b) { return a->date < b->date; });
    std::map<std::string, std::pair<const core::CtssReading*, core::Date>> previous;
    for (const core::CtScan* scan : order) {
        bool first = true;
        for (const core::CtssReading& reading : scan->readings) {
            CtssHeatMapColumn column;
            column.date = scan->date;
            column.reader = reading.reader;
            column.firstOfScan = first;
            column.units = core::tallyVertebralUnits(reading);
            first = false;
            const std::string reader = core::foldCase(reading.reader);
            auto before = previous.find(reader);
            if (before != previous.end()) {
                for (const core::QuadrantEvent& event :
                     core::compareCtssReadings(*before->second.first, reading)) {
                    column.newOrGrowing[event.quadrant.unit()] += event.newSyndesmophyte || event.growing;
                    column.regressions[event.quadrant.unit()] += event.regression;
                }
                column.previousScan = core::toIsoString(before->second.second);
            }
            previous[reader] = {&reading, scan->date};
            data.ctssHeatMap.push_back(std::move(column));
        }
    }
}

void addProgression(CourseData& data, const std::vector<core::Film>& films, const core::Settings& settings) {
    if (films.size() < 2)
        return;
    try {
        core::ProgressionReview review = core::reviewProgression(films, settings);
        data.progression = review.pairs;
        data.progressor = review.progressor;
    } catch (const core::ValidationError& e) {
        data.problems.push_back(data.language.trf("progression review: {1}", {e.what()}));
    }
}

void addVisit(CourseData& data, const core::PatientHistory& history, const core::Visit& visit,
              const core::Settings& settings) {
    try {
        core::VisitScores scores = core::scoreVisit(history.patient, visit, history.films, settings);
        data.activity.push_back({visit.date, scores.basdai.value, scores.asdasCrp.value,
                                 scores.asdasCrp.state, scores.asdasEsr.value, scores.asdasEsr.state,
                                 scores.basfi.value, scores.basmi.value});
        for (const core::BmdMeasurement& m : visit.bmd) {
            const bool caveat =
                m.site == core::BmdSite::LumbarSpine && scores.bmd && !scores.bmd->lumbarFlag.empty();
            data.bmd.push_back({visit.date, m.site, m.bmd, m.tScore, m.zScore, caveat});
        }
    } catch (const core::ValidationError& e) {
        data.problems.push_back(
            data.language.trf("visit {1}: {2}", {core::toIsoString(visit.date), e.what()}));
    }
}

/// The value in its canonical unit (core's conversion); below the detection limit, the limit.
LabPoint labPoint(const core::LabValue& lab, const core::ReferenceAssessment& assessment) {
    LabPoint point;
    point.date = lab.sampleDate;
    point.analyte = lab.analyte;
    point.value = assessment.value;
    point.unit = assessment.unit;
    point.belowDetectionLimit = lab.belowDetectionLimit;
    if (lab.belowDetectionLimit && lab.detectionLimit)
        point.value = core::toCanonicalUnit(lab.analyte, *lab.detectionLimit, lab.unit);
    if (lab.unit != point.unit)
        point.entered = (lab.belowDetectionLimit ? "< " : "") +
                        core::formatNumber(lab.belowDetectionLimit && lab.detectionLimit ? *lab.detectionLimit
                                                                                         : lab.value) +
                        " " + lab.unit;
    point.assay = lab.assay;
    point.flag = assessment.flag;
    point.upperLimit = assessment.upper;
    return point;
}

void addLabs(CourseData& data, const core::PatientHistory& history) {
    std::map<core::Analyte, const core::LabValue*> previous;
    for (const core::Visit& visit : history.visits)
        for (const core::LabValue& lab : visit.labs) {
            try {
                LabPoint point =
                    labPoint(lab, core::assessReference(lab, history.patient.sex, history.patient.birth,
                                                        core::defaultReferenceRanges()));
                // Against the last value whose assay was recorded: "not recorded" is not a change.
                auto before = previous.find(lab.analyte);
                point.assayChanged = before != previous.end() && core::assaysDiffer(*before->second, lab);
                if (!lab.assay.empty())
                    previous[lab.analyte] = &lab;
                data.labs.push_back(point);
            } catch (const core::ValidationError& e) {
                data.problems.push_back(core::toString(lab.analyte) + " " +
                                        core::toIsoString(lab.sampleDate) + ": " + e.what());
            }
        }
    std::stable_sort(data.labs.begin(), data.labs.end(),
                     [](const LabPoint& a, const LabPoint& b) { return a.date < b.date; });
}

void addTreatments(CourseData& data, const core::PatientHistory& history) {
    for (const core::TreatmentEpisode& episode : history.treatments) {
        const core::Drug* drug = core::findDrug(episode.drugId);
        if (!drug) {
            data.problems.push_back(
                data.language.trf("treatment from {1}: drug \"{2}\" is not in the catalogue",
                                  {core::toIsoString(episode.start), episode.drugId}));
            continue;
        }
        data.treatments.push_back({drug->drugClass, data.language.tr(drug->label), episode.brand,
                                   episode.start, episode.lastDay(data.today), episode.ongoing(),
                                   episode.stopReason});
    }
    std::stable_sort(data.treatments.begin(), data.treatments.end(),
                     [](const TreatmentBar& a, const TreatmentBar& b) { return a.start < b.start; });
}

}  // namespace

CourseData buildCourseData(const core::PatientHistory& history, const core::Settings& settings,
                           std::optional<core::Date> today, const Language& language) {
    CourseData data;
    data.language = language;
    data.today = today ? *today : boost::gregorian::day_clock::local_day();
    data.patientId = history.patient.clinicId;
    for (const core::Film& film : history.films)
        data.msasss.push_back(msasssPoint(film, settings));
    for (const core::CtScan& scan : history.ctScans)
        data.ctss.push_back(ctssPoint(scan, settings));
    addHeatMap(data, history.films, settings);
    addCtssHeatMap(data, history.ctScans);
    addProgression(data, history.films, settings);
    for (const core::Visit& visit : history.visits)
        addVisit(data, history, visit, settings);
    addLabs(data, history);
    addTreatments(data, history);
    return data;
}

}  // namespace ankylos::report
