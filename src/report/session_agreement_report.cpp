#include "report/session_agreement_report.h"

#include <algorithm>
#include <cmath>
#include <memory>

#include "core/format.h"
#include "report/chart_kit.h"
#include "report/palette.h"

namespace ankylos::report {

namespace {

using namespace detail;

std::string figure(const std::optional<double>& value, const Language& language, int decimals = 3) {
    return value ? core::formatFixed(*value, decimals) : language.tr("not computable");
}

void horizontal(cairo_t* cr, const ValuePlot& s, double v, const Colour& colour, bool dashed) {
    cairo_save(cr);
    if (dashed) {
        const double dashes[] = {4.0, 3.0};
        cairo_set_dash(cr, dashes, 2, 0);
    }
    setColour(cr, colour);
    cairo_set_line_width(cr, 1.0);
    cairo_move_to(cr, s.area.x, s.py(v));
    cairo_line_to(cr, s.area.x + s.area.width, s.py(v));
    cairo_stroke(cr);
    cairo_restore(cr);
}

Table figuresTable(const SessionAgreementPage& page, const Language& language) {
    const core::AgreementResult& status = page.agreement.status;
    const core::AgreementResult& change = page.agreement.change;
    Table table;
    table.caption = language.tr("Agreement between the primary readers");
    table.header = {language.tr("Figure"), language.tr("Status scores (films)"),
                    language.tr("Change scores (intervals)")};
    table.columnWeights = {2.2, 1, 1};
    table.numeric = {false, true, true};
    const auto row = [&](const std::string& name, const std::string& a, const std::string& b) {
        table.rows.push_back({{name}, {a}, {b}});
    };
    row(language.tr("Subjects scored by every reader (n)"), std::to_string(status.subjects),
        std::to_string(change.subjects));
    row(language.tr("Left out (a reader's score missing)"), std::to_string(status.dropped),
        std::to_string(change.dropped));
    row(language.tr("Readers (k)"), std::to_string(status.readers), std::to_string(change.readers));
    row("ICC(A,1)", figure(status.iccA1, language), figure(change.iccA1, language));
    row("ICC(A,k)", figure(status.iccAk, language), figure(change.iccAk, language));
    row(language.tr("Smallest detectable change (SDC), mSASSS units"), figure(status.sdc, language, 2),
        figure(change.sdc, language, 2));
    row(language.tr("Intervals whose mean change exceeds the SDC"), "",
        change.exceedingSdc ? std::to_string(*change.exceedingSdc) : "");
    const auto ba = [&](const core::AgreementResult& r, auto member) {
        return r.blandAltman ? core::formatFixed((*r.blandAltman).*member, 2) : std::string();
    };
    row(language.tr("Bland-Altman mean difference (first - second reader)"),
        ba(status, &core::BlandAltman::meanDifference), ba(change, &core::BlandAltman::meanDifference));
    row(language.tr("Lower limit of agreement"), ba(status, &core::BlandAltman::loaLower),
        ba(change, &core::BlandAltman::loaLower));
    row(language.tr("Upper limit of agreement"), ba(status, &core::BlandAltman::loaUpper),
        ba(change, &core::BlandAltman::loaUpper));
    return table;
}

Table pairsTable(const SessionAgreementPage& page, const Language& language) {
    Table table;
    table.caption = language.tr("Reader pairs: syndesmophyte presence and progressor status");
    table.header = {language.tr("Readers"), language.tr("Sites compared"), language.tr("Cohen's kappa"),
                    language.tr("Progressor status agrees")};
    table.columnWeights = {2, 1, 1, 1.4};
    table.numeric = {false, true, true, true};
    for (const core::ReaderPairAgreement& pair : page.agreement.pairs)
        table.rows.push_back({{pair.first + " / " + pair.second},
                              {std::to_string(pair.kappa.sites)},
                              {figure(pair.kappa.kappa, language)},
                              {language.trf("{1} of {2}", {std::to_string(pair.progressors.agreeing),
                                                           std::to_string(pair.progressors.patients)})}});
    return table;
}

Table discordantTable(const SessionAgreementPage& page, const Language& language) {
    Table table;
    table.caption = language.tr("Discordant intervals");
    table.header = {language.tr("Earlier film"), language.tr("Later film"),
                    language.tr("Readers disagree on"), language.tr("State")};
    table.columnWeights = {1, 1, 2, 1.2};
    const auto code = [&](const std::string& patient, core::Date date) {
        const auto found = page.codes.find({patient, date});
        return found == page.codes.end() ? std::string("?") : found->second;
    };
    for (const core::SessionInterval& interval : page.agreement.intervals) {
        if (!interval.discordant())
            continue;
        std::vector<std::string> why;
        if (interval.discordance->progressionDisagrees)
            why.push_back(language.tr("progression"));
        if (interval.discordance->changeBeyondSdc.value_or(false))
            why.push_back(language.tr("change beyond the SDC"));
        table.rows.push_back(
            {{code(interval.patient, interval.from)},
             {code(interval.patient, interval.to)},
             {core::joinNames(why)},
             {interval.adjudicated ? language.tr("adjudicated") : language.tr("awaiting adjudication"),
              !interval.adjudicated}});
    }
    return table;
}

}  // namespace

std::vector<ChartHit> drawBlandAltman(cairo_t* cr, const core::CompleteSubjects& scores,
                                      const core::AgreementResult& result, const std::string& title,
                                      const Language& language, const Box& box) {
    if (!result.blandAltman)
        return drawNoData(
            cr, box, title,
            language.tr("A Bland-Altman plot needs two readers who both scored at least 2 subjects."));
    const core::BlandAltman& ba = *result.blandAltman;
    std::vector<double> means;
    std::vector<double> differences;
    for (const std::vector<double>& row : scores.rows) {
        means.push_back((row[0] + row[1]) / 2);
        differences.push_back(row[0] - row[1]);
    }
    cairo_save(cr);
    const Box rest =
        drawTitleAndLegend(cr, box, title,
                           {{language.tr("one subject"), kSeries[0], false, Marker::None},
                            {language.tr("mean difference"), kInk},
                            {language.tr("limits of agreement (mean +/- 1.96 SD)"), kAlert, true}});
    const auto [xLo, xHi] = std::minmax_element(means.begin(), means.end());
    const auto [dLo, dHi] = std::minmax_element(differences.begin(), differences.end());
    const ValueAxis xAxis = niceAxis(std::min(*xLo, 0.0), std::max(*xHi, 1.0), 6);
    const ValueAxis yAxis =
        niceAxis(std::min({*dLo, ba.loaLower, -1.0}), std::max({*dHi, ba.loaUpper, 1.0}), 6);
    const ValuePlot s =
        drawValueAxes(cr, rest, xAxis, yAxis, language.tr("Mean of the two readers (mSASSS units)"),
                      language.tr("Difference, first - second reader"));
    horizontal(cr, s, 0, kGridLine, false);
    horizontal(cr, s, ba.meanDifference, kInk, false);
    horizontal(cr, s, ba.loaLower, kAlert, true);
    horizontal(cr, s, ba.loaUpper, kAlert, true);
    std::vector<ChartHit> hits;
    for (std::size_t i = 0; i < means.size(); ++i) {
        const double x = s.px(means[i]);
        const double y = s.py(differences[i]);
        drawMarker(cr, Marker::Ring, x, y, 2.5, kSeries[0]);
        hits.push_back({{x - 3, y - 3, 6, 6},
                        language.trf("mean {1}, difference {2}", {core::formatFixed(means[i], 1),
                                                                  core::formatFixed(differences[i], 1)})});
    }
    cairo_restore(cr);
    return hits;
}

Document buildSessionAgreementReport(const SessionAgreementPage& page, const ReportContext& context) {
    const Language& language = context.language;
    Document doc;
    doc.header = pageHeader(context, language.tr("Reader agreement"));
    doc.header.subject = language.trf("Reading session {1}", {page.session});
    doc.blocks.push_back(KeyValues{{{language.tr("Reading session"), page.session},
                                    {language.tr("Blinding"), page.blinding},
                                    {language.tr("Films"), std::to_string(page.films)},
                                    {language.tr("Readers"), core::joinNames(page.readers)}}});
    doc.blocks.push_back(figuresTable(page, language));
    for (const core::AgreementResult* result : {&page.agreement.status, &page.agreement.change})
        if (!result->reason.empty())
            doc.blocks.push_back(Paragraph{language.trf("Not computable: {1}", {result->reason}), true});
    const auto shared = std::make_shared<SessionAgreementPage>(page);
    if (page.agreement.readers.size() == 2) {
        doc.blocks.push_back(ChartBlock{
            [shared, language](cairo_t* cr, const Box& b) {
                return drawBlandAltman(cr, shared->agreement.statusScores, shared->agreement.status,
                                       language.tr("Bland-Altman plot of status scores"), language, b);
            },
            220});
        doc.blocks.push_back(ChartBlock{
            [shared, language](cairo_t* cr, const Box& b) {
                return drawBlandAltman(cr, shared->agreement.changeScores, shared->agreement.change,
                                       language.tr("Bland-Altman plot of change scores"), language, b);
            },
            220});
    }
    if (!page.agreement.pairs.empty())
        doc.blocks.push_back(pairsTable(page, language));
    const Table discordant = discordantTable(page, language);
    if (discordant.rows.empty())
        doc.blocks.push_back(Paragraph{language.tr("No interval is discordant.")});
    else
        doc.blocks.push_back(discordant);
    doc.blocks.push_back(Heading{language.tr("Notes"), 2});
    doc.blocks.push_back(Paragraph{
        language.tr(
            "Agreement as in Ankylos methods 11: ICC for absolute agreement (McGraw and Wong), single "
            "reader ICC(A,1) and mean of the k readers ICC(A,k); SDC = 1.96 sqrt(MSE / k) of change "
            "scores (Bruynesteyn et al.); Bland-Altman limits of agreement = mean difference +/- 1.96 SD; "
            "Cohen's kappa for a syndesmophyte (grade 2 or 3) over the sites both readers could assess. "
            "An interval is discordant when its readers disagree on progression or their change scores "
            "differ by more than the SDC; it is settled once an adjudicator or a consensus has read both "
            "films. Films are named by their code in the session: this page names no patient."),
        true});
    return doc;
}

}  // namespace ankylos::report
