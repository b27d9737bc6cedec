#include "report/cohort_summary.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <memory>
#include <numeric>

#include "core/asdas.h"
#include "core/ctss_progression.h"
#include "core/exposure.h"
#include "core/format.h"
#include "core/progression.h"
#include "core/tolerance.h"
#include "core/validation.h"
#include "core/visit.h"
#include "report/chart_kit.h"
#include "report/palette.h"

namespace ankylos::report {

std::string CohortFilter::describe(const Language& language) const {
    std::vector<std::string> parts;
    if (from && to)
        parts.push_back(
            language.trf("baseline {1} to {2}", {core::toIsoString(*from), core::toIsoString(*to)}));
    else if (from)
        parts.push_back(language.trf("baseline from {1}", {core::toIsoString(*from)}));
    else if (to)
        parts.push_back(language.trf("baseline up to {1}", {core::toIsoString(*to)}));
    if (sex)
        parts.push_back(*sex == core::Sex::Male ? language.tr("men") : language.tr("women"));
    if (hlaB27)
        parts.push_back("HLA-B27 " + language.tr(core::toString(*hlaB27)));
    if (progressor)
        parts.push_back(*progressor ? language.tr("progressors")
                                    : language.tr("non-progressors (two or more films)"));
    if (parts.empty())
        return language.tr("all patients");
    std::string text;
    for (const std::string& p : parts)
        text += (text.empty() ? "" : ", ") + p;
    return text;
}

Distribution describeValues(std::vector<double> values) {
    Distribution d;
    d.n = static_cast<int>(values.size());
    if (values.empty())
        return d;
    std::sort(values.begin(), values.end());
    d.mean = std::accumulate(values.begin(), values.end(), 0.0) / d.n;
    if (d.n > 1) {
        double ss = 0;
        for (double v : values)
            ss += (v - d.mean) * (v - d.mean);
        d.sd = std::sqrt(ss / (d.n - 1));
    }
    auto quantile = [&](double p) {
        double h = (d.n - 1) * p;
        auto lo = static_cast<std::size_t>(std::floor(h));
        std::size_t hi = std::min(lo + 1, values.size() - 1);
        return values[lo] + (h - lo) * (values[hi] - values[lo]);
    };
    d.median = quantile(0.5);
    d.q1 = quantile(0.25);
    d.q3 = quantile(0.75);
    d.min = values.front();
    d.max = values.back();
    return d;
}

namespace {

/// The values an IntervalGroup is made of, gathered while streaming.
struct IntervalValues {
    int intervals = 0;
    std::vector<double> years;
    std::vector<double> changes;
    int progressing = 0;

    void add(const core::ProgressionResult& pair) {
        ++intervals;
        years.push_back(pair.intervalYears);
        if (pair.change)
            changes.push_back(*pair.change);
        progressing += pair.progression ? 1 : 0;
    }
    IntervalGroup group() const {
        return {intervals, describeValues(years), describeValues(changes), progressing};
    }
};

/// True when a TNF or an IL-17 inhibitor covers at least treatment.exposed_fraction of [from, to).
bool biologicExposed(const std::vector<core::TreatmentEpisode>& known, const core::ProgressionResult& pair,
                     core::Date today, const core::TreatmentSettings& settings) {
    const core::ExposureResult exposure = core::computeExposure(pair.from, pair.to, known, today, settings);
    return exposure.of(core::DrugClass::Tnfi).exposed || exposure.of(core::DrugClass::Il17i).exposed;
}

/// Sorts the patient's consecutive film intervals by exposure (docs/methods.md 10).
void addIntervals(const core::PatientHistory& history, const core::ProgressionReview& review,
                  core::Date today, const core::TreatmentSettings& settings, IntervalValues& exposed,
                  IntervalValues& notExposed, int& withoutRecord) {
    const std::size_t consecutive = std::min(history.films.size() - 1, review.pairs.size());
    if (history.treatments.empty()) {
        withoutRecord += static_cast<int>(consecutive);
        return;
    }
    std::vector<core::TreatmentEpisode> known;  // a drug not in the catalogue has no class
    std::copy_if(history.treatments.begin(), history.treatments.end(), std::back_inserter(known),
                 [](const core::TreatmentEpisode& e) { return core::findDrug(e.drugId) != nullptr; });
    for (std::size_t i = 0; i < consecutive; ++i) {
        const core::ProgressionResult& pair = review.pairs[i];
        try {
            (biologicExposed(known, pair, today, settings) ? exposed : notExposed).add(pair);
        } catch (const core::ValidationError&) {
            ++withoutRecord;  // a stored stop before its start: the exposure is not known
        }
    }
}

/// The first-to-last mSASSS and CTSS changes per year of a patient with both computable (the last
/// pair of each review is first to last), each over its own interval.
void addYearlyChanges(const core::PatientHistory& history, const core::ProgressionResult& films,
                      const core::Settings& settings, std::vector<double>& msasssPerYear,
                      std::vector<double>& ctssPerYear) {
    if (history.ctScans.size() < 2 || !films.change)
        return;
    try {
        const core::CtssProgressionReview scans = core::reviewCtssProgression(history.ctScans, settings);
        const core::CtssProgressionResult& ct = scans.pairs.back();
        if (!ct.change)
            return;
        msasssPerYear.push_back(*films.change / films.intervalYears);
        ctssPerYear.push_back(*ct.change / ct.intervalYears);
    } catch (const core::ValidationError&) {
        // Two scans on one date: no CTSS change for this patient (the patient report names it).
    }
}

}  // namespace

CohortSummary summarizeCohort(storage::HistorySource& histories, const CohortFilter& filter,
                              const core::Settings& settings, std::optional<core::Date> today) {
    CohortSummary summary;
    summary.filter = filter;
    summary.settings = settings;
    summary.today = today ? *today : boost::gregorian::day_clock::local_day();
    std::vector<double> age, duration, basdai, asdas, basfi, basmi, msasss;
    std::vector<double> msasssPerYear, ctssPerYear;
    IntervalValues exposed, notExposed;

    histories.forEach([&](std::int64_t, const core::PatientHistory& history) {
        ++summary.patientsInDatabase;
        const core::Patient& patient = history.patient;
        if (filter.sex && patient.sex != *filter.sex)
            return;
        if (filter.hlaB27 && patient.hlaB27 != *filter.hlaB27)
            return;
        if ((filter.from || filter.to) &&
            (history.visits.empty() || (filter.from && history.visits.front().date < *filter.from) ||
             (filter.to && history.visits.front().date > *filter.to)))
            return;
        std::optional<core::ProgressionReview> review;
        if (history.films.size() >= 2) {
            try {
                review = core::reviewProgression(history.films, settings);
            } catch (const core::ValidationError&) {
                // Two films on one date: no verdict for this patient (the patient report names it).
            }
        }
        if (filter.progressor && (!review || review->progressor != *filter.progressor))
            return;

        ++summary.patients;
        ++(patient.sex == core::Sex::Male ? summary.male : summary.female);
        ++(patient.hlaB27 == core::HlaB27::Positive   ? summary.hlaB27Positive
           : patient.hlaB27 == core::HlaB27::Negative ? summary.hlaB27Negative
                                                      : summary.hlaB27Unknown);
        if (review) {
            ++summary.progressionEvaluable;
            if (review->progressor)
                ++summary.progressors;
            addIntervals(history, *review, summary.today, settings.treatment, exposed, notExposed,
                         summary.intervalsWithoutTreatmentRecord);
            const std::size_t consecutive = history.films.size() - 1;
            for (std::size_t i = 0; i < consecutive && i < review->pairs.size(); ++i) {
                const core::ProgressionResult& pair = review->pairs[i];
                if (pair.change && pair.intervalYears >= settings.progression.recommendedMinIntervalYears &&
                    pair.intervalYears <= settings.progression.standardIntervalMaxYears) {
                    summary.twoYearChanges.push_back(*pair.change);
                    break;
                }
            }
        }
        if (review && !review->pairs.empty())
            addYearlyChanges(history, review->pairs.back(), settings, msasssPerYear, ctssPerYear);
        if (!history.films.empty()) {
            core::FilmScore first = core::scoreFilm(history.films.front(), settings.msasss);
            if (first.value)
                msasss.push_back(*first.value);
        }
        if (history.visits.empty()) {
            ++summary.withoutVisits;
            return;
        }
        const core::Visit& baseline = history.visits.front();
        age.push_back(core::ageInYears(patient.birth, baseline.date));
        if (patient.symptomOnset && *patient.symptomOnset <= baseline.date)
            duration.push_back(core::ageInYears(*patient.symptomOnset, baseline.date));
        try {
            core::VisitScores s = core::scoreVisit(patient, baseline, history.films, settings);
            if (s.basdai.value)
                basdai.push_back(*s.basdai.value);
            if (s.asdasCrp.value)
                asdas.push_back(*s.asdasCrp.value);
            if (s.basfi.value)
                basfi.push_back(*s.basfi.value);
            if (s.basmi.value)
                basmi.push_back(*s.basmi.value);
        } catch (const core::ValidationError&) {
            // An invalid baseline visit contributes no scores; the patient still counts.
        }
        try {
            core::VisitScores s = core::scoreVisit(patient, history.visits.back(), history.films, settings);
            if (s.asdasCrp.state)
                ++summary.latestAsdasStates[static_cast<int>(*s.asdasCrp.state)];
            else
                ++summary.latestAsdasNotComputable;
        } catch (const core::ValidationError&) {
            ++summary.latestAsdasNotComputable;
        }
    });
    std::sort(summary.twoYearChanges.begin(), summary.twoYearChanges.end());
    summary.ageAtBaseline = describeValues(std::move(age));
    summary.symptomDurationAtBaseline = describeValues(std::move(duration));
    summary.basdaiBaseline = describeValues(std::move(basdai));
    summary.asdasCrpBaseline = describeValues(std::move(asdas));
    summary.basfiBaseline = describeValues(std::move(basfi));
    summary.basmiBaseline = describeValues(std::move(basmi));
    summary.msasssFirstFilm = describeValues(std::move(msasss));
    summary.msasssYearlyChangeWithCt = describeValues(std::move(msasssPerYear));
    summary.ctssYearlyChange = describeValues(std::move(ctssPerYear));
    summary.biologicExposed = exposed.group();
    summary.biologicNotExposed = notExposed.group();
    return summary;
}

namespace {

using namespace detail;

/// The state with its range, from core's cut-offs (docs/methods.md 3).
std::string stateLabel(int state, const Language& language) {
    const std::string low = core::formatNumber(core::kAsdasLowFrom);
    const std::string high = core::formatNumber(core::kAsdasHighFrom);
    const std::string veryHigh = core::formatNumber(core::kAsdasVeryHighAbove);
    switch (static_cast<core::AsdasState>(state)) {
        case core::AsdasState::Inactive:
            return language.trf("Inactive (<{1})", {low});
        case core::AsdasState::Low:
            return language.trf("Low ({1} to <{2})", {low, high});
        case core::AsdasState::High:
            return language.trf("High ({1} to {2})", {high, veryHigh});
        case core::AsdasState::VeryHigh:
            return language.trf("Very high (>{1})", {veryHigh});
    }
    throw InternalError("unknown ASDAS state " + std::to_string(state));
}

std::string percent(int part, int whole) {
    return whole == 0 ? "\u2013" : core::formatFixed(100.0 * part / whole, 1) + " %";
}

/// One group's row: intervals, mean length, mean mSASSS change (SD) of those computable, progressing.
std::vector<TableCell> intervalRow(const std::string& name, const IntervalGroup& group) {
    const std::string dash = "\u2013";
    return {{name},
            {std::to_string(group.intervals)},
            {group.years.n ? core::formatFixed(group.years.mean, 1) : dash},
            {group.change.n ? core::formatFixed(group.change.mean, 2) + " (" +
                                  core::formatFixed(group.change.sd, 2) + ")"
                            : dash},
            {std::to_string(group.change.n)},
            {group.intervals ? std::to_string(group.progressing) + " (" +
                                   percent(group.progressing, group.intervals) + ")"
                             : dash}};
}

/// Film intervals with and without TNF or IL-17 inhibitor exposure, with the setting that decided it.
std::vector<Block> exposureComparison(const CohortSummary& summary, const Language& language) {
    const std::string share = exposedShareText(summary.settings.treatment);
    Table table;
    table.caption = language.tr("Film intervals with and without TNF or IL-17 inhibitor exposure");
    table.header = {language.tr("Intervals"),     "n",
                    language.tr("Mean years"),    language.tr("mSASSS change, mean (SD)"),
                    language.tr("n with change"), language.tr("Progressing")};
    table.columnWeights = {3.0, 0.7, 1.0, 1.8, 1.1, 1.5};
    table.numeric = {false, true, true, true, true, true};
    table.rows.push_back(
        intervalRow(language.trf("Exposed (TNF or IL-17 inhibitor \u2265 {1} of the interval)", {share}),
                    summary.biologicExposed));
    table.rows.push_back(intervalRow(language.tr("Not exposed"), summary.biologicNotExposed));
    const std::string text = language.trf(
        "Each pair of consecutive films is one interval. Exposed: a TNF inhibitor or an IL-17 inhibitor "
        "(each "
        "class on its own) covered at least {1} of the interval's days (treatment.exposed_fraction = {2}; an "
        "ongoing episode runs to {3}). Progressing: the interval meets the progression definition above. {4} "
        "interval(s) of patients without a recorded treatment course are left out. Treatment was not "
        "assigned "
        "at random: the comparison describes, it does not estimate an effect.",
        {share, core::formatNumber(summary.settings.treatment.exposedFraction),
         core::toIsoString(summary.today), std::to_string(summary.intervalsWithoutTreatmentRecord)});
    return {table, Paragraph{text, true}};  // the caption heads it: a heading could be left behind
}

/// One variable's row: n, mean (SD), median (IQR), range; dashes when n is 0.
std::vector<TableCell> distributionRow(const std::string& name, const Distribution& d, int decimals) {
    if (d.n == 0)
        return {{name}, {"0"}, {"\u2013"}, {"\u2013"}, {"\u2013"}};
    auto f = [&](double v) { return core::formatFixed(v, decimals); };
    return {{name},
            {std::to_string(d.n)},
            {f(d.mean) + " (" + f(d.sd) + ")"},
            {f(d.median) + " (" + f(d.q1) + "\u2013" + f(d.q3) + ")"},
            {f(d.min) + "\u2013" + f(d.max)}};
}

Table baselineTable(const CohortSummary& summary, const Language& language) {
    Table baseline;
    baseline.caption = language.tr("Baseline characteristics (first visit; mSASSS of the first film)");
    baseline.header = {language.tr("Characteristic"), "n", language.tr("Mean (SD)"),
                       language.tr("Median (IQR)"), language.tr("Range")};
    baseline.columnWeights = {2.6, 0.7, 1.4, 1.8, 1.4};
    baseline.numeric = {false, true, true, true, true};
    auto row = [&](const std::string& name, const Distribution& d, int decimals) {
        baseline.rows.push_back(distributionRow(name, d, decimals));
    };
    row(language.tr("Age, years"), summary.ageAtBaseline, 1);
    row(language.tr("Symptom duration, years"), summary.symptomDurationAtBaseline, 1);
    row("BASDAI (0-10)", summary.basdaiBaseline, 2);
    row("ASDAS-CRP", summary.asdasCrpBaseline, 2);
    row("BASFI (0-10)", summary.basfiBaseline, 2);
    row("BASMI (BASMIlin, 0-10)", summary.basmiBaseline, 2);
    row(language.tr("mSASSS, first film (0-72)"), summary.msasssFirstFilm, 2);
    return baseline;
}

/// The 2-year change in one sentence: the window, n, mean (SD), median (IQR), and how many reached
/// the progression threshold.
std::string twoYearChangeText(const CohortSummary& summary, const Language& language) {
    const core::ProgressionSettings& p = summary.settings.progression;
    const Distribution change = describeValues(summary.twoYearChanges);
    const int atThreshold =
        static_cast<int>(std::count_if(summary.twoYearChanges.begin(), summary.twoYearChanges.end(),
                                       [&](double c) { return core::atLeast(c, p.minChangeUnits); }));
    std::string text = language.trf(
        "2-year change: for each patient, the change over the first pair of consecutive films {1} to {2} "
        "years "
        "apart (n = {3})",
        {core::formatNumber(p.recommendedMinIntervalYears), core::formatNumber(p.standardIntervalMaxYears),
         std::to_string(change.n)});
    if (change.n == 0)
        return text + ".";
    auto f = [](double v) { return core::formatFixed(v, 2); };
    return text + "; " +
           language.trf(
               "mean {1} (SD {2}), median {3} (IQR {4} to {5}); {6} ({7}) changed by at least {8} units.",
               {f(change.mean), f(change.sd), f(change.median), f(change.q1), f(change.q3),
                std::to_string(atThreshold), percent(atThreshold, change.n),
                core::formatNumber(p.minChangeUnits)});
}

/// The mSASSS and the CTSS change per year of the patients with both, one row each: two scores side by
/// side, never added or averaged together.
Table ctssBesideMsasssTable(const CohortSummary& summary, const Language& language) {
    Table table;
    table.caption = language.trf(
        "Patients with two or more films and two or more low-dose CT scans (n = {1}): "
        "change per year from the first to the last of each",
        {std::to_string(summary.ctssYearlyChange.n)});
    table.header = {language.tr("Score"), "n", language.tr("Mean (SD)"), language.tr("Median (IQR)"),
                    language.tr("Range")};
    table.columnWeights = {2.6, 0.7, 1.4, 1.8, 1.4};
    table.numeric = {false, true, true, true, true};
    table.rows.push_back(
        distributionRow(language.tr("mSASSS units per year"), summary.msasssYearlyChangeWithCt, 2));
    table.rows.push_back(distributionRow(language.tr("CTSS units per year"), summary.ctssYearlyChange, 2));
    return table;
}

Table asdasStateTable(const CohortSummary& summary, const Language& language) {
    Table states;
    states.caption = language.tr("ASDAS-CRP state at the latest visit");
    states.header = {language.tr("State"), language.tr("Patients"), language.tr("Percent")};
    states.numeric = {false, true, true};
    int total = summary.latestAsdasNotComputable;
    for (int c : summary.latestAsdasStates)
        total += c;
    for (int s = 0; s < 4; ++s)
        states.rows.push_back({{stateLabel(s, language)},
                               {std::to_string(summary.latestAsdasStates[s])},
                               {percent(summary.latestAsdasStates[s], total)}});
    states.rows.push_back({{language.tr("Not computable")},
                           {std::to_string(summary.latestAsdasNotComputable)},
                           {percent(summary.latestAsdasNotComputable, total)}});
    return states;
}

}  // namespace

std::vector<ChartHit> drawCumulativeProbabilityPlot(cairo_t* cr, const CohortSummary& summary,
                                                    const Language& language, const Box& box) {
    const std::string title = language.tr("Cumulative probability plot of 2-year mSASSS change");
    const std::vector<double>& changes = summary.twoYearChanges;
    if (changes.empty())
        return drawNoData(
            cr, box, title,
            language.tr("No patient has two films 1.5 to 2.5 years apart with computable scores."));
    std::vector<ChartHit> hits;
    cairo_save(cr);
    const double threshold = summary.settings.progression.minChangeUnits;
    Box rest = drawTitleAndLegend(
        cr, box, title,
        {{language.tr("each patient's change, sorted"), kSeries[0]},
         {language.trf("progression threshold {1} units", {core::formatNumber(threshold)}), kAlert, true},
         {language.tr("no change"), kMutedInk, true}});
    const ValueAxis percent{0, 100, 10, 0, std::nullopt};
    const ValuePlot plot = drawValueAxes(
        cr, rest, percent,
        niceAxis(std::min({changes.front(), 0.0, -1.0}), std::max({changes.back(), threshold + 1, 1.0}), 6),
        language.trf("Cumulative percentage of patients (n = {1})", {std::to_string(changes.size())}),
        language.tr("Change in mSASSS units"), true);
    const Box& area = plot.area;
    const auto x = [&](double pct) { return plot.px(pct); };
    const auto y = [&](double v) { return plot.py(v); };
    double dashes[] = {4.0, 3.0};
    cairo_set_dash(cr, dashes, 2, 0);
    setColour(cr, kMutedInk);
    cairo_move_to(cr, area.x, y(0));
    cairo_line_to(cr, area.x + area.width, y(0));
    cairo_stroke(cr);
    setColour(cr, kAlert);
    cairo_move_to(cr, area.x, y(threshold));
    cairo_line_to(cr, area.x + area.width, y(threshold));
    cairo_stroke(cr);
    cairo_set_dash(cr, nullptr, 0, 0);
    // Each patient at (i + 0.5) / n: the usual plotting position of a cumulative probability plot.
    const std::size_t n = changes.size();
    setColour(cr, kSeries[0]);
    cairo_set_line_width(cr, 1.6);
    for (std::size_t i = 0; i < n; ++i) {
        double px = x(100.0 * (i + 0.5) / n), py = y(changes[i]);
        if (i == 0)
            cairo_move_to(cr, px, py);
        else
            cairo_line_to(cr, px, py);
    }
    cairo_stroke(cr);
    if (n <= 400) {
        for (std::size_t i = 0; i < n; ++i) {
            cairo_arc(cr, x(100.0 * (i + 0.5) / n), y(changes[i]), 1.6, 0, 2 * M_PI);
            cairo_fill(cr);
        }
    }
    cairo_restore(cr);
    return hits;
}

std::vector<ChartHit> drawAsdasStateBars(cairo_t* cr, const CohortSummary& summary, const Language& language,
                                         const Box& box) {
    const std::string title = language.tr("ASDAS-CRP state at the latest visit");
    const std::string notComputable = language.tr("Not computable");
    int total = summary.latestAsdasNotComputable;
    for (int c : summary.latestAsdasStates)
        total += c;
    if (total == 0)
        return drawNoData(cr, box, title, language.tr("No patient has a visit."));
    std::vector<ChartHit> hits;
    cairo_save(cr);
    Box rest = drawTitleAndLegend(cr, box, title, {});
    Font f = chartFont(box, 0.95);
    double labelWidth = measureText(notComputable, f).width;
    for (int s = 0; s < 4; ++s)
        labelWidth = std::max(labelWidth, measureText(stateLabel(s, language), f).width);
    const int rows = 5;
    double rowHeight = rest.height / rows;
    double barX = rest.x + labelWidth + 8;
    double valueWidth = measureText("00000 (100.0 %)", f).width + 6;
    double barMax = rest.width - labelWidth - 8 - valueWidth;
    int maxCount = 1;
    for (int c : summary.latestAsdasStates)
        maxCount = std::max(maxCount, c);
    maxCount = std::max(maxCount, summary.latestAsdasNotComputable);
    double textHeight = measureText("Ag", f).height;
    for (int r = 0; r < rows; ++r) {
        int count = r < 4 ? summary.latestAsdasStates[r] : summary.latestAsdasNotComputable;
        std::string label = r < 4 ? stateLabel(r, language) : notComputable;
        double y = rest.y + r * rowHeight;
        drawText(cr, label, f, rest.x, y + (rowHeight - textHeight) / 2, -1, Align::Left, kInk);
        double w = barMax * count / maxCount;
        setColour(cr, r < 4 ? asdasStateColour(static_cast<core::AsdasState>(r)) : Colour{0.85, 0.85, 0.85});
        cairo_rectangle(cr, barX, y + rowHeight * 0.15, w, rowHeight * 0.7);
        cairo_fill_preserve(cr);
        setColour(cr, kMutedInk);
        cairo_set_line_width(cr, 0.5);
        cairo_stroke(cr);
        std::string value = std::to_string(count) + " (" + percent(count, total) + ")";
        drawText(cr, value, f, barX + w + 4, y + (rowHeight - textHeight) / 2, -1, Align::Left, kInk);
        hits.push_back({{barX, y, std::max(w, 4.0), rowHeight}, label + ": " + value});
    }
    cairo_restore(cr);
    return hits;
}

Document buildCohortReport(const CohortSummary& summary, const ReportContext& context) {
    const Language& language = context.language;
    auto ofPatients = [&](int count) {
        return language.trf("{1} ({2})", {std::to_string(count), percent(count, summary.patients)});
    };
    Document doc;
    doc.header = pageHeader(context, language.tr("Cohort summary"));
    doc.header.subject = summary.filter.describe(language);

    doc.blocks.push_back(Heading{language.tr("Cohort"), 1});
    KeyValues counts;
    counts.rows.push_back({language.tr("Selection"), summary.filter.describe(language)});
    counts.rows.push_back(
        {language.tr("Patients"),
         language.trf("{1} of {2} in the database",
                      {std::to_string(summary.patients), std::to_string(summary.patientsInDatabase)})});
    counts.rows.push_back({language.tr("Men"), ofPatients(summary.male)});
    counts.rows.push_back({language.tr("Women"), ofPatients(summary.female)});
    counts.rows.push_back({language.tr("HLA-B27 positive"), ofPatients(summary.hlaB27Positive)});
    counts.rows.push_back(
        {language.tr("HLA-B27 negative / unknown"),
         std::to_string(summary.hlaB27Negative) + " / " + std::to_string(summary.hlaB27Unknown)});
    counts.rows.push_back(
        {language.tr("Progressors"),
         language.trf("{1} of {2} patients with two or more films ({3})",
                      {std::to_string(summary.progressors), std::to_string(summary.progressionEvaluable),
                       percent(summary.progressors, summary.progressionEvaluable)})});
    counts.rows.push_back({language.tr("Without visits"), std::to_string(summary.withoutVisits)});
    doc.blocks.push_back(counts);
    const core::ProgressionSettings& p = summary.settings.progression;
    doc.blocks.push_back(Paragraph{
        language.trf(
            "Progressor: any pair of films (consecutive, and first to last) with a change of at least {1} "
            "mSASSS units within {2} years (at least {3} unit per year over longer intervals), or at "
            "least one new syndesmophyte. Patients with fewer than two films have no verdict.",
            {core::formatNumber(p.minChangeUnits), core::formatNumber(p.standardIntervalMaxYears),
             core::formatNumber(p.minRatePerYear)}),
        true});
    doc.blocks.push_back(baselineTable(summary, language));

    auto shared = std::make_shared<CohortSummary>(summary);
    doc.blocks.push_back(Heading{language.tr("Radiographic progression"), 1});
    doc.blocks.push_back(Paragraph{twoYearChangeText(summary, language)});
    doc.blocks.push_back(ChartBlock{[shared, language](cairo_t* cr, const Box& b) {
                                        return drawCumulativeProbabilityPlot(cr, *shared, language, b);
                                    },
                                    300});
    for (Block& block : exposureComparison(summary, language))
        doc.blocks.push_back(std::move(block));
    if (summary.ctssYearlyChange.n > 0)
        doc.blocks.push_back(ctssBesideMsasssTable(summary, language));
    doc.blocks.push_back(Heading{language.tr("Disease activity"), 1});
    doc.blocks.push_back(ChartBlock{[shared, language](cairo_t* cr, const Box& b) {
                                        return drawAsdasStateBars(cr, *shared, language, b);
                                    },
                                    130});
    doc.blocks.push_back(asdasStateTable(summary, language));
    doc.blocks.push_back(Heading{language.tr("Notes"), 2});
    doc.blocks.push_back(Paragraph{rulesParagraph(summary.settings, language), true});
    return doc;
}

}  // namespace ankylos::report
