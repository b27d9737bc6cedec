#include "report/report_common.h"

#include "core/asdas.h"
#include "core/basdai.h"
#include "core/format.h"

namespace ankylos::report {

std::string rulesParagraph(const core::Settings& settings) {
    const core::ProgressionSettings& p = settings.progression;
    std::string text;
    text +=
        "How the numbers were made (Ankylos methods, docs/methods.md; sections in brackets): mSASSS "
        "[1.3] per Creemers et al. 2005; per segment and reading, up to " +
        std::to_string(settings.msasss.maxMissingPerSegment) +
        " not-assessable sites are imputed with the mean of the segment's assessable sites, more make the "
        "score not computable; a film's score is the mean of its readers' totals. ";
    text +=
        "Progression [1.4, 1.5]: a change of at least " + core::formatNumber(p.minChangeUnits) +
        " mSASSS units between films up to " + core::formatNumber(p.standardIntervalMaxYears) +
        " years apart, at least " + core::formatNumber(p.minRatePerYear) +
        " unit per year for longer intervals, or at least one new syndesmophyte (site events counted when " +
        core::toString(p.eventReaderRule) + "; bridging of an existing syndesmophyte " +
        (p.countBridgingAsNewSyndesmophyte ? "counts" : "does not count") +
        " as new); intervals shorter than " + core::formatNumber(p.recommendedMinIntervalYears) +
        " years are flagged. ";
    text += "ASDAS [3] coefficient set " + core::toString(settings.asdas.coefficients) + "; a CRP below " +
            core::formatNumber(core::kAsdasCrpFloorMgPerL) +
            " mg/L or below the detection limit enters ASDAS-CRP as " +
            core::formatNumber(core::kAsdasCrpFloorMgPerL) + " mg/L. BASDAI [2] active disease at " +
            core::formatNumber(core::kBasdaiActiveThreshold) +
            ". BMD category [5]: WHO T-score for women after menopause and men aged 50 or more, ISCD Z-score "
            "otherwise; "
            "lumbar values with syndesmophytes on the nearest film within a year are flagged and the "
            "category uses "
            "the hip. Laboratory flags [6] use the default reference ranges. Treatment exposure [10]: the "
            "share of a film interval's days covered by a drug class's episodes (an ongoing one through the "
            "date printed), exposed at " +
            exposedShareText(settings.treatment) + " or more. Settings:";
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
    header.clinicName = context.style.clinicName;
    header.title = title;
    header.printedDate = core::toIsoString(context.printed);
    header.printedAt = context.printedAt;
    header.software = context.software;
    return header;
}

std::string withDate(const std::string& value, core::Date date) {
    return value + " (" + core::toIsoString(date) + ")";
}

}  // namespace ankylos::report
