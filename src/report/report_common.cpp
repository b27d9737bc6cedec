#include "report/report_common.h"

#include "core/asdas.h"
#include "core/basdai.h"
#include "core/format.h"

namespace ankylos::report {

std::string rulesParagraph(const core::Settings& settings, const Language& language) {
    const core::ProgressionSettings& p = settings.progression;
    const std::string crpFloor = core::formatNumber(core::kAsdasCrpFloorMgPerL);
    std::string text = language.trf(
        "How the numbers were made (Ankylos methods, docs/methods.md; sections in brackets): mSASSS [1.3] "
        "per "
        "Creemers et al. 2005; per segment and reading, up to {1} not-assessable sites are imputed with the "
        "mean of the segment's assessable sites, more make the score not computable; a film's score is the "
        "mean of its readers' totals. ",
        {std::to_string(settings.msasss.maxMissingPerSegment)});
    text += language.trf(
        "Progression [1.4, 1.5]: a change of at least {1} mSASSS units between films up to {2} years apart, "
        "at least {3} unit per year for longer intervals, or at least one new syndesmophyte (site events "
        "counted when {4}; {5}); intervals shorter than {6} years are flagged. ",
        {core::formatNumber(p.minChangeUnits), core::formatNumber(p.standardIntervalMaxYears),
         core::formatNumber(p.minRatePerYear), core::toString(p.eventReaderRule),
         p.countBridgingAsNewSyndesmophyte
             ? language.tr("bridging of an existing syndesmophyte counts as new")
             : language.tr("bridging of an existing syndesmophyte does not count as new"),
         core::formatNumber(p.recommendedMinIntervalYears)});
    text += language.trf(
        "ASDAS [3] coefficient set {1}; a CRP below {2} mg/L or below the detection limit enters ASDAS-CRP "
        "as "
        "{2} mg/L. BASDAI [2] active disease at {3}. ",
        {core::toString(settings.asdas.coefficients), crpFloor,
         core::formatNumber(core::kBasdaiActiveThreshold)});
    text += language.tr(
        "BMD category [5]: WHO T-score for women after menopause and men aged 50 or more, ISCD Z-score "
        "otherwise; lumbar values with syndesmophytes on the nearest film within a year are flagged and the "
        "category uses the hip. Laboratory flags [6] use the default reference ranges. ");
    text += language.trf(
        "Treatment exposure [10]: the share of a film interval's days covered by a drug class's episodes (an "
        "ongoing one through the date printed), exposed at {1} or more. ",
        {exposedShareText(settings.treatment)});
    text += language.tr("Settings:");
    bool first = true;
    for (const auto& [name, value] : settings.describe()) {
        text += (first ? " " : "; ") + name + " = " + value;
        first = false;
    }
    return text + ".";
}

std::string exposedShareText(const core::TreatmentSettings& settings) {
    return core::formatNumber(settings.exposedFraction * 100.0) + "\u00a0%";
}

PageHeader pageHeader(const ReportContext& context, const std::string& title) {
    PageHeader header;
    const Language& language = context.language;
    header.pageOfPattern = language.tr("Page {1} of {2}");
    header.printedPattern = language.tr("Printed {1}");
    header.printedByPattern = language.tr("Printed {1} by {2}");
    header.continued = language.tr("(continued)");
    header.clinicName = context.style.clinicName;
    header.title = title;
    header.printedDate = core::toIsoString(context.printed);
    header.printedAt = context.printedAt;
    header.software = context.software;
    return header;
}

std::string siteEventsText(const core::FilmComparison& events, const Language& language) {
    return language.trn("{1} new syndesmophyte", "{1} new syndesmophytes", events.newSyndesmophytes) + ", " +
           language.trn("{1} new bridging", "{1} new bridgings", events.newBridgings) + ", " +
           language.trn("{1} regression", "{1} regressions", events.regressions);
}

std::string withDate(const std::string& value, core::Date date) {
    return value + " (" + core::toIsoString(date) + ")";
}

}  // namespace ankylos::report
