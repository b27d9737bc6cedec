// The agreement table's columns (docs/methods.md 11): one row per reading session and pair of its
// primary readers. The session's figures (status and change ICC, SDC, Bland-Altman, intervals) repeat
// on each of its pairs' rows; the pair's own are Cohen's kappa and progressor agreement.

#include "export/fields.h"

namespace ankylos::exports::fields {

namespace {

const std::string kForm = "agreement";
const std::string kReasonComputed = "why a figure is not computable, in words (docs/methods.md 11)";

/// A figure core could not compute is "not computable", its reason in the _reason column.
Cell figure(const std::optional<double>& value) {
    return number(value, Missing::NotComputable);
}

Cell count(int value) {
    return number(static_cast<double>(value));
}

void addCount(Fields<AgreementRow>& fields, std::string name, Text label,
              std::function<int(const AgreementRow&)> value, std::string computed) {
    addNumber<AgreementRow>(
        fields, std::move(name), std::move(label), "", 0, std::nullopt,
        [value](const AgreementRow& r) { return count(value(r)); }, kForm, std::move(computed),
        ValueType::Integer);
    fields.back().column.missing = "never empty";
}

void addFigure(Fields<AgreementRow>& fields, std::string name, Text label, std::string unit,
               std::function<std::optional<double>(const AgreementRow&)> value, std::string computed) {
    addNumber<AgreementRow>(
        fields, std::move(name), std::move(label), std::move(unit), std::nullopt, std::nullopt,
        [value](const AgreementRow& r) { return figure(value(r)); }, kForm, std::move(computed));
    fields.back().column.missing = "not computable: see the _reason column";
}

/// The columns of status or change scores: n, dropped, ICC(A,1), ICC(A,k), SDC, Bland-Altman.
void addScores(Fields<AgreementRow>& fields, core::ScoreKind kind) {
    const bool status = kind == core::ScoreKind::Status;
    const std::string prefix = status ? "status_" : "change_";
    const Text scores = status ? tr("Status scores") : tr("Change scores");
    const std::string subjects = status ? "films" : "intervals between consecutive films of a patient";
    const auto result = [status](const AgreementRow& r) -> const core::AgreementResult& {
        return status ? r.agreement->status : r.agreement->change;
    };
    addCount(
        fields, prefix + "n", trf("{1}: subjects scored by every primary reader", {scores}),
        [result](const AgreementRow& r) { return result(r).subjects; },
        "count of " + subjects + " (docs/methods.md 11)");
    addCount(
        fields, prefix + "dropped", trf("{1}: subjects left out (a reader's score missing)", {scores}),
        [result](const AgreementRow& r) { return result(r).dropped; },
        "count of " + subjects + " lacking a computable score from some primary reader (docs/methods.md 11)");
    addFigure(
        fields, prefix + "icc_a1", trf("{1}: ICC(A,1)", {scores}), "",
        [result](const AgreementRow& r) { return result(r).iccA1; },
        "two-way ICC for absolute agreement, single reader, after McGraw and Wong (docs/methods.md 11)");
    addFigure(
        fields, prefix + "icc_ak", trf("{1}: ICC(A,k)", {scores}), "",
        [result](const AgreementRow& r) { return result(r).iccAk; },
        "two-way ICC for absolute agreement, mean of the k primary readers (docs/methods.md 11)");
    addFigure(
        fields, prefix + "sdc", trf("{1}: smallest detectable change (SDC)", {scores}), "mSASSS units",
        [result](const AgreementRow& r) { return result(r).sdc; },
        "1.96 sqrt(MSE / k), after Bruynesteyn et al. (docs/methods.md 11)");
    if (!status) {
        addFigure(
            fields, "change_exceeding_sdc", tr("Intervals whose mean change exceeds the SDC"), "",
            [result](const AgreementRow& r) -> std::optional<double> {
                const auto& n = result(r).exceedingSdc;
                return n ? std::optional<double>(*n) : std::nullopt;
            },
            "count of intervals whose mean change over the primary readers is above the SDC (docs/methods.md "
            "11)");
        fields.back().column.type = ValueType::Integer;
    }
    struct Limit {
        std::string name;
        Text label;
        double core::BlandAltman::*member;
        std::string computed;
    };
    const Limit limits[] = {
        {"mean_difference", trf("{1}: Bland-Altman mean difference (first - second reader)", {scores}),
         &core::BlandAltman::meanDifference,
         "mean of the first primary reader's score minus the second's, after Bland and Altman"},
        {"loa_lower", trf("{1}: Bland-Altman lower limit of agreement", {scores}),
         &core::BlandAltman::loaLower, "mean difference - 1.96 SD of the differences"},
        {"loa_upper", trf("{1}: Bland-Altman upper limit of agreement", {scores}),
         &core::BlandAltman::loaUpper, "mean difference + 1.96 SD of the differences"}};
    for (const Limit& limit : limits)
        addFigure(
            fields, prefix + limit.name, limit.label, "mSASSS units",
            [result, member = limit.member](const AgreementRow& r) -> std::optional<double> {
                const std::optional<core::BlandAltman>& ba = result(r).blandAltman;
                return ba ? std::optional<double>((*ba).*member) : std::nullopt;
            },
            limit.computed + " (docs/methods.md 11); empty unless the session has exactly 2 primary readers");
    addText<AgreementRow>(
        fields, prefix + "reason", trf("{1}: why a figure is not computable", {scores}),
        [result](const AgreementRow& r) { return text(result(r).reason); }, kForm);
    fields.back().column.computed = kReasonComputed;
}

/// Cohen's kappa for syndesmophyte presence and progressor agreement of the row's pair of readers.
void addPair(Fields<AgreementRow>& fields) {
    const auto kappa = [](const AgreementRow& r) { return r.pair ? &r.pair->kappa : nullptr; };
    const auto progressors = [](const AgreementRow& r) { return r.pair ? &r.pair->progressors : nullptr; };
    addFigure(
        fields, "kappa", tr("Cohen's kappa for a syndesmophyte (grade 2 or 3), this pair of readers"), "",
        [kappa](const AgreementRow& r) { return kappa(r) ? kappa(r)->kappa : std::nullopt; },
        "(po - pe) / (1 - pe) over the sites of the films both readers read, assessable in both readings, "
        "after Cohen 1960 (docs/methods.md 11)");
    addFigure(
        fields, "kappa_sites", tr("Sites compared for kappa"), "sites",
        [kappa](const AgreementRow& r) -> std::optional<double> {
            return kappa(r) ? std::optional<double>(kappa(r)->sites) : std::nullopt;
        },
        "count of sites assessable in both readings (docs/methods.md 11)");
    fields.back().column.type = ValueType::Integer;
    addFigure(
        fields, "kappa_sites_left_out", tr("Sites left out of kappa (not scored or not assessable)"), "sites",
        [kappa](const AgreementRow& r) -> std::optional<double> {
            return kappa(r) ? std::optional<double>(kappa(r)->leftOut) : std::nullopt;
        },
        "count of sites of the films both readers read that either reader left unscored or not assessable "
        "(docs/methods.md 11)");
    fields.back().column.type = ValueType::Integer;
    addText<AgreementRow>(
        fields, "kappa_reason", tr("Why kappa is not computable"),
        [kappa](const AgreementRow& r) {
            return text(kappa(r) ? kappa(r)->reason : "the session has fewer than 2 primary readers");
        },
        kForm);
    fields.back().column.computed = kReasonComputed;
    addFigure(
        fields, "progressor_agreement",
        tr("Share of patients whose progressor status agrees, this pair of readers"), "fraction",
        [progressors](const AgreementRow& r) {
            return progressors(r) ? progressors(r)->share : std::nullopt;
        },
        "agreeing / patients; each reader's status from their readings alone (docs/methods.md 11)");
    fields.back().column.min = 0;
    fields.back().column.max = 1;
    fields.back().column.allowed = "0 to 1";
    const std::vector<std::pair<std::string, int core::ProgressorAgreement::*>> counts = {
        {"progressor_patients", &core::ProgressorAgreement::patients},
        {"progressor_agreeing", &core::ProgressorAgreement::agreeing},
        {"progressor_left_out", &core::ProgressorAgreement::leftOut}};
    for (const auto& [name, member] : counts) {
        addFigure(
            fields, name,
            name == "progressor_patients"   ? tr("Patients with a progressor status from both readers")
            : name == "progressor_agreeing" ? tr("Patients whose progressor status agrees")
                                            : tr("Patients left out (a reader's status not computable)"),
            "",
            [progressors, member = member](const AgreementRow& r) -> std::optional<double> {
                return progressors(r) ? std::optional<double>(progressors(r)->*member) : std::nullopt;
            },
            "count of the session's patients with 2 or more films, all read by both readers (docs/methods.md "
            "11)");
        fields.back().column.type = ValueType::Integer;
    }
}

/// Discordant intervals and where their adjudication stands.
void addIntervals(Fields<AgreementRow>& fields) {
    const auto counted = [](bool (*which)(const core::SessionInterval&)) {
        return [which](const AgreementRow& r) {
            int n = 0;
            for (const core::SessionInterval& interval : r.agreement->intervals)
                n += which(interval) ? 1 : 0;
            return n;
        };
    };
    addCount(fields, "intervals", tr("Intervals between consecutive films in the session"),
             counted([](const core::SessionInterval&) { return true; }), "count");
    addCount(fields, "intervals_discordant", tr("Discordant intervals"),
             counted([](const core::SessionInterval& i) { return i.discordant(); }),
             "the primary readers disagree on progression, or two change scores differ by more than the SDC "
             "(docs/methods.md 11)");
    addCount(fields, "intervals_adjudicated", tr("Discordant intervals adjudicated"),
             counted([](const core::SessionInterval& i) { return i.discordant() && i.adjudicated; }),
             "an adjudicator's or consensus reading of both films exists (docs/methods.md 11)");
    addCount(fields, "intervals_awaiting", tr("Discordant intervals awaiting adjudication"),
             counted([](const core::SessionInterval& i) { return i.awaitingAdjudication(); }), "count");
}

}  // namespace

Fields<AgreementRow> agreementFields(const Builder& b) {
    Fields<AgreementRow> fields;
    addText<AgreementRow>(
        fields, "reading_session", tr("Reading session"),
        [](const AgreementRow& r) { return text(r.session->name); }, kForm);
    fields.back().column.key = true;
    fields.back().column.missing = "never empty";
    for (const bool first : {true, false}) {
        Column reader =
            readerColumn(b, first ? "reader_1" : "reader_2",
                         first ? tr("First reader of the pair") : tr("Second reader of the pair"), kForm);
        reader.missing = "empty when the session has fewer than 2 primary readers";
        fields.push_back({reader, [&context = b.context, first](const AgreementRow& r) {
                              return r.pair ? readerCell(context, first ? r.pair->first : r.pair->second)
                                            : missing(Missing::NotComputable);
                          }});
    }
    addCategory<AgreementRow>(
        fields, "session_chronology", tr("What the readers knew of the films' order"),
        idLabels<core::SessionChronology>(core::allSessionChronologies(), &core::label),
        [](const AgreementRow& r) { return code(r.session->blinding.chronology); }, kForm,
        "the session's blinding (docs/methods.md 11)");
    fields.back().column.missing = "never empty";
    addCategory<AgreementRow>(
        fields, "identity_hidden", tr("The session hid the patients' identity"), kYesNo,
        [](const AgreementRow& r) { return yesNo(r.session->blinding.identityHidden); }, kForm);
    fields.back().column.missing = "never empty";
    addCount(
        fields, "primary_readers", tr("Primary readers in the session (k)"),
        [](const AgreementRow& r) { return static_cast<int>(r.session->primaryReaders.size()); }, "count");
    addCount(
        fields, "session_films", tr("Films of the session in this export"),
        [](const AgreementRow& r) { return r.films; },
        "count of the session's films of the exported patients, in the export's date range (docs/methods.md "
        "11)");
    addScores(fields, core::ScoreKind::Status);
    addScores(fields, core::ScoreKind::Change);
    addPair(fields);
    addIntervals(fields);
    return fields;
}

}  // namespace ankylos::exports::fields
