// Low-dose CT in the patient report: each scan's CTSS per reader, and the CTSS progression review
// (docs/methods.md 12). The CTSS stands beside the mSASSS and is never added to it or mixed with it.

#include "core/ctss_progression.h"
#include "core/format.h"
#include "core/validation.h"
#include "report/patient_sections.h"

namespace ankylos::report {

namespace {

/// A segment's CTSS with the quadrants imputed for it, or why it is missing.
std::string ctssSegmentText(const core::CtssSegmentScore& segment, const Language& language) {
    if (!segment.value)
        return segment.reason.empty() ? language.tr("not computable")
                                      : language.trf("not computable: {1}", {segment.reason});
    std::string text = core::formatFixed(*segment.value, 1);
    if (segment.imputed > 0)
        text += " " + language.trf("({1} imputed)", {std::to_string(segment.imputed)});
    return text;
}

TableCell ctssVerdict(const core::CtssProgressionResult& pair, const Language& language) {
    std::string text = !pair.progression ? language.tr("not assessable")
                       : *pair.progression
                           ? language.trf("progression ({1})", {criteriaText(pair.criteria, language)})
                           : language.tr("no progression");
    if (!pair.note.empty())
        text += ": " + pair.note;
    return {text, pair.progression.value_or(true)};
}

}  // namespace

Table ctScanTable(const core::PatientHistory& history, const core::Settings& settings,
                  const Language& language) {
    Table table;
    table.caption =
        language.tr("Low-dose CT of the spine (CTSS; a score of its own, never added to the mSASSS)");
    table.header = {language.tr("Scan date"),        language.tr("Reader"),
                    language.tr("Cervical (0-144)"), language.tr("Thoracic (0-264)"),
                    language.tr("Lumbar (0-144)"),   language.tr("Reading total (0-552)"),
                    language.tr("Scan score")};
    table.columnWeights = {1.1, 1.2, 1.5, 1.5, 1.5, 1.3, 1.3};
    table.numeric = {false, false, true, true, true, true, true};
    for (const core::CtScan& scan : history.ctScans) {
        const core::CtScanScore score = core::scoreCtScan(scan, settings.ctss);
        const std::string scanText = score.value ? core::formatFixed(*score.value, 1) : score.reason;
        if (scan.readings.empty())
            table.rows.push_back(
                {{core::toIsoString(scan.date)}, {language.tr("no readings")}, {}, {}, {}, {}, {scanText}});
        for (std::size_t r = 0; r < scan.readings.size(); ++r) {
            const core::CtssScore& rs = score.readingScores[r];
            table.rows.push_back({{r == 0 ? core::toIsoString(scan.date) : ""},
                                  {scan.readings[r].reader},
                                  {ctssSegmentText(rs.cervical, language), !rs.cervical.value},
                                  {ctssSegmentText(rs.thoracic, language), !rs.thoracic.value},
                                  {ctssSegmentText(rs.lumbar, language), !rs.lumbar.value},
                                  {rs.total ? core::formatFixed(*rs.total, 1) : rs.reason, !rs.total},
                                  {r == 0 ? scanText : "", r == 0 && !score.value}});
        }
    }
    return table;
}

Table ctssProgressionTable(const core::PatientHistory& history, const core::Settings& settings,
                           const Language& language) {
    Table table;
    table.caption = language.trf(
        "CTSS progression review (every consecutive pair of scans, then first to last): "
        "a change of at least {1} CTSS units, or new or growing syndesmophytes in at "
        "least {2} quadrants",
        {core::formatNumber(settings.ctss.progressionUnits),
         std::to_string(settings.ctss.progressionQuadrants)});
    table.header = {language.tr("Scans"), language.tr("Years"), language.tr("Change"),
                    language.tr("Quadrant events"), language.tr("Verdict")};
    table.columnWeights = {1.2, 0.7, 0.8, 2.2, 3.4};
    table.numeric = {false, true, true, false, false};
    try {
        for (const core::CtssProgressionResult& pair :
             core::reviewCtssProgression(history.ctScans, settings).pairs) {
            const core::CtScanComparison& e = pair.events;
            table.rows.push_back(
                {{core::toIsoString(pair.from) + "\n\u2192 " + core::toIsoString(pair.to)},
                 {core::formatFixed(pair.intervalYears, 2)},
                 {pair.change ? signedText(*pair.change, 1) : language.tr("not computable"), !pair.change},
                 {language.trn("{1} new syndesmophyte", "{1} new syndesmophytes", e.newSyndesmophytes) +
                      ", " + language.trn("{1} growing", "{1} growing", e.growing) + ", " +
                      language.trn("{1} regression", "{1} regressions", e.regressions),
                  e.regressions > 0},
                 ctssVerdict(pair, language)});
        }
    } catch (const core::ValidationError& e) {  // two scans on one date: shown, not thrown
        table.rows.push_back({{e.what(), true}});
    }
    if (table.rows.empty())
        table.rows.push_back({{language.tr("fewer than two scans: no CTSS progression review")}});
    return table;
}

}  // namespace ankylos::report
