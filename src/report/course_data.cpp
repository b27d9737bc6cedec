#include "report/charts.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/basdai.h"
#include "core/format.h"
#include "core/validation.h"
#include "core/visit.h"
#include "report/chart_kit.h"
#include "report/palette.h"
#include "report/text.h"

namespace ankylos::report {

// ---------------------------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------------------------

CourseData buildCourseData(const core::PatientHistory& history, const core::Settings& settings) {
    CourseData data;
    data.patientId = history.patient.clinicId;

    for (const core::Film& film : history.films) {
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
        data.msasss.push_back(point);

        HeatMapFilm column;
        column.date = film.date;
        column.grades.assign(core::kSiteCount, -2);
        column.newSyndesmophyte.assign(core::kSiteCount, false);
        if (!film.readings.empty()) {
            const core::Reading& reading = film.readings.front();
            column.reader = reading.reader;
            for (int i = 0; i < core::kSiteCount; ++i) {
                const auto& site = reading.sites[i];
                if (site)
                    column.grades[i] = site->assessable() ? site->grade() : -1;
            }
        }
        data.heatMap.push_back(column);
    }

    if (history.films.size() >= 2) {
        try {
            core::ProgressionReview review = core::reviewProgression(history.films, settings);
            data.progression = review.pairs;
            data.progressor = review.progressor;
            // The first films - 1 pairs are the consecutive ones, in date order: each marks the
            // events seen on its later film.
            const std::size_t consecutive = history.films.size() - 1;
            for (std::size_t i = 0; i < consecutive && i < review.pairs.size(); ++i) {
                const core::ProgressionResult& pair = review.pairs[i];
                for (HeatMapFilm& column : data.heatMap) {
                    if (column.date != pair.to)
                        continue;
                    for (int s = 0; s < core::kSiteCount; ++s)
                        column.newSyndesmophyte[s] =
                            pair.events.sites[s].newSyndesmophyte || pair.events.sites[s].newBridging;
                }
            }
        } catch (const core::ValidationError& e) {
            data.problems.push_back(std::string("progression review: ") + e.what());
        }
    }

    std::map<core::Analyte, const core::LabValue*> previous;
    for (const core::Visit& visit : history.visits) {
        try {
            core::VisitScores scores = core::scoreVisit(history.patient, visit, history.films, settings);
            ActivityPoint point;
            point.date = visit.date;
            point.basdai = scores.basdai.value;
            point.asdasCrp = scores.asdasCrp.value;
            point.asdasCrpState = scores.asdasCrp.state;
            point.asdasEsr = scores.asdasEsr.value;
            point.asdasEsrState = scores.asdasEsr.state;
            data.activity.push_back(point);
            for (const core::BmdMeasurement& m : visit.bmd) {
                BmdPoint bmd;
                bmd.date = visit.date;
                bmd.site = m.site;
                bmd.bmd = m.bmd;
                bmd.tScore = m.tScore;
                bmd.zScore = m.zScore;
                bmd.lumbarCaveat =
                    m.site == core::BmdSite::LumbarSpine && scores.bmd && !scores.bmd->lumbarFlag.empty();
                data.bmd.push_back(bmd);
            }
        } catch (const core::ValidationError& e) {
            data.problems.push_back("visit " + core::toIsoString(visit.date) + ": " + e.what());
        }
        for (const core::LabValue& lab : visit.labs) {
            try {
                core::ReferenceAssessment assessment = core::assessReference(
                    lab, history.patient.sex, history.patient.birth, core::defaultReferenceRanges());
                LabPoint point;
                point.date = lab.sampleDate;
                point.analyte = lab.analyte;
                point.value = assessment.value;
                point.unit = assessment.unit;
                point.assay = lab.assay;
                point.belowDetectionLimit = lab.belowDetectionLimit;
                point.flag = assessment.flag;
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
    }
    std::stable_sort(data.labs.begin(), data.labs.end(),
                     [](const LabPoint& a, const LabPoint& b) { return a.date < b.date; });
    return data;
}

}  // namespace ankylos::report
