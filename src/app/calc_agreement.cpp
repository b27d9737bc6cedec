// `ankylos-cli calc agreement`: agreement between k readers' scores of the same n subjects
// (docs/methods.md 11).
#include <CLI/CLI.hpp>
#include <memory>

#include "app/calc_command.h"
#include "app/calc_support.h"
#include "core/agreement.h"
#include "core/format.h"
#include "core/utf8.h"

namespace ankylos::app {

namespace {

const char* const kReaderForm =
    "NAME:v1,v2,...,vn: a reader's name, a colon, then one score per subject "
    "separated by commas (a number, or NA for no score), e.g. A:2,5.5,NA";

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(' ');
    return first == std::string::npos ? std::string()
                                      : text.substr(first, text.find_last_not_of(' ') - first + 1);
}

std::vector<std::string> splitOnCommas(const std::string& text) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t comma = text.find(','); comma != std::string::npos; comma = text.find(',', start)) {
        parts.push_back(text.substr(start, comma - start));
        start = comma + 1;
    }
    parts.push_back(text.substr(start));
    return parts;
}

/// One --reader NAME:v1,...,vn; adds every problem it finds. A score that is not a number is kept as
/// missing, so that the table's checks still see every reader; nullopt when the form itself is wrong.
std::optional<core::ReaderScores> parseReaderArgument(const std::string& text, core::Validation& problems) {
    const auto colon = text.find(':');
    const std::string name = colon == std::string::npos ? std::string() : trimmed(text.substr(0, colon));
    if (name.empty()) {
        problems.addError("--reader", core::visibleText(text), kReaderForm);
        return std::nullopt;
    }
    problems.requireText("--reader name", name);
    core::ReaderScores reader{name, {}};
    const std::vector<std::string> values = splitOnCommas(text.substr(colon + 1));
    for (std::size_t i = 0; i < values.size(); ++i) {
        const std::string field = "--reader " + core::visibleText(name) + " score " + std::to_string(i + 1);
        if (values[i] == "NA") {
            reader.scores.push_back(std::nullopt);
            continue;
        }
        try {
            reader.scores.push_back(core::parseNumber(values[i], field));
        } catch (const core::ValidationError&) {
            problems.addError(field, core::visibleText(values[i]),
                              core::numberAdvice(values[i]) + ", or NA for no score");
            reader.scores.push_back(std::nullopt);
        }
    }
    return reader;
}

/// At least 2 readers, no name twice (without regard to case), the same number of scores each.
void checkReaderTable(const std::vector<core::ReaderScores>& readers, std::size_t given,
                      core::Validation& problems) {
    if (given < 2)
        problems.addError("--reader", std::to_string(given) + " given",
                          "at least 2 readers, each as --reader NAME:v1,v2,...,vn");
    for (std::size_t i = 0; i < readers.size(); ++i) {
        const core::ReaderScores& reader = readers[i];
        const std::string name = core::visibleText(reader.reader);
        for (std::size_t j = 0; j < i; ++j)
            if (core::foldCase(readers[j].reader) == core::foldCase(reader.reader))
                problems.addError("--reader name", name,
                                  "a reader not named before; names match without regard to case, and " +
                                      core::visibleText(readers[j].reader) + " was given already");
        if (reader.scores.size() != readers.front().scores.size())
            problems.addError(
                "--reader " + name,
                std::to_string(reader.scores.size()) + (reader.scores.size() == 1 ? " score" : " scores"),
                "as many scores as reader " + core::visibleText(readers.front().reader) + " (" +
                    std::to_string(readers.front().scores.size()) + "), one per subject");
    }
}

void runAgreement(const std::vector<std::string>& arguments) {
    core::Validation problems;
    std::vector<core::ReaderScores> readers;
    for (const std::string& argument : arguments)
        if (std::optional<core::ReaderScores> reader = parseReaderArgument(argument, problems))
            readers.push_back(std::move(*reader));
    checkReaderTable(readers, arguments.size(), problems);
    problems.throwIfErrors();
    print(agreementJson(core::assessAgreement(readers, core::ScoreKind::Status)));
}

}  // namespace

void addCalcAgreementCommand(CLI::App& calc) {
    auto readers = std::make_shared<std::vector<std::string>>();
    CLI::App* command =
        calc.add_subcommand("agreement", "Agreement between readers of the same subjects (methods 11)");
    command->add_option("--reader", *readers,
                        "NAME:v1,v2,...,vn, one per reader (at least 2), each with a score for the same n "
                        "subjects in the same order; NA = no score (that subject is left out and counted)");
    command->footer(
        "Example: ankylos-cli calc agreement --reader A:9,6,8,7,10,6 --reader B:2,1,4,1,5,2\n"
        "Prints {\"n\":N,\"k\":K,\"dropped\":D,\"icc_a1\":X,\"icc_ak\":X,\"sdc\":X,\"mean_difference\":X,\n"
        "\"loa_lower\":X,\"loa_upper\":X}: n subjects scored by every reader (dropped: left out for an NA),\n"
        "ICC(A,1) and ICC(A,k) (McGraw and Wong, absolute agreement), SDC = 1.96 sqrt(MSE / k), and for\n"
        "k = 2 only the Bland-Altman mean difference (first reader minus second) and limits of agreement\n"
        "(mean +/- 1.96 sample SD). A figure that cannot be computed is null and \"reason\" says why.");
    command->callback([readers] { runAgreement(*readers); });
}

}  // namespace ankylos::app
