// SQLite's parameters rewritten as PostgreSQL's (storage/sql/postgres_parameters.h), numbered as
// SQLite numbers them, and everything that only looks like a parameter left alone. No server needed.
#include "storage/sql/postgres_parameters.h"

#include <gtest/gtest.h>

namespace ankylos::storage::sql {
namespace {

TEST(PostgresParameters, QuestionMarksTakeTheNextNumber) {
    const NumberedSql numbered = toNumberedParameters("INSERT INTO t (a, b, c) VALUES (?, ?, ?)");
    EXPECT_EQ(numbered.text, "INSERT INTO t (a, b, c) VALUES ($1, $2, $3)");
    EXPECT_EQ(numbered.count, 3);
    EXPECT_TRUE(numbered.names.empty());
}

TEST(PostgresParameters, NumberedParametersKeepTheirNumberAndAQuestionMarkFollowsTheLargest) {
    const NumberedSql numbered = toNumberedParameters("SELECT ?2, ?1, ?2, ?, ?10");
    EXPECT_EQ(numbered.text, "SELECT $2, $1, $2, $3, $10");
    EXPECT_EQ(numbered.count, 10);
}

TEST(PostgresParameters, NamesKeepTheNumberOfTheirFirstUse) {
    const NumberedSql numbered =
        toNumberedParameters("WHERE a >= :from AND b < :to_2 AND c = ? AND d = :from");
    EXPECT_EQ(numbered.text, "WHERE a >= $1 AND b < $2 AND c = $3 AND d = $1");
    EXPECT_EQ(numbered.count, 3);
    EXPECT_EQ(numbered.names.at(":from"), 1);
    EXPECT_EQ(numbered.names.at(":to_2"), 2);
    EXPECT_EQ(numbered.names.size(), 2u);
}

TEST(PostgresParameters, LiteralsIdentifiersAndCommentsAreLeftAlone) {
    const std::string verbatim =
        "SELECT 'it''s ? :a', \"col?\"\"x\", E'\\' ? ', $$ ? :b $$, $body$ ? $ :c $body$ -- ? :d\n"
        "/* ? /* nested ? */ :e */ ";
    const NumberedSql numbered = toNumberedParameters(verbatim + "?");
    EXPECT_EQ(numbered.text, verbatim + "$1");
    EXPECT_EQ(numbered.count, 1);
    EXPECT_TRUE(numbered.names.empty());
}

TEST(PostgresParameters, CastsAreNotNames) {
    const NumberedSql numbered = toNumberedParameters("SELECT :value::text, '1'::integer, x::bigint FROM t");
    EXPECT_EQ(numbered.text, "SELECT $1::text, '1'::integer, x::bigint FROM t");
    EXPECT_EQ(numbered.names.size(), 1u);
}

TEST(PostgresParameters, AnEndingInEIsNotAnEscapeStringPrefix) {
    // name'...' is not E'...': the backslash does not escape the quote, so the ? after it is a parameter.
    const NumberedSql numbered = toNumberedParameters("SELECT 'a\\' , ?");
    EXPECT_EQ(numbered.text, "SELECT 'a\\' , $1");
    EXPECT_EQ(toNumberedParameters("SELECT e'a\\' , ?'").text, "SELECT e'a\\' , ?'");
}

TEST(PostgresParameters, AnUnterminatedLiteralRunsToTheEnd) {
    EXPECT_EQ(toNumberedParameters("SELECT 'open ?").text, "SELECT 'open ?");
    EXPECT_EQ(toNumberedParameters("SELECT 1 /* open ?").text, "SELECT 1 /* open ?");
    EXPECT_EQ(toNumberedParameters("SELECT $x$ open ?").text, "SELECT $x$ open ?");
}

TEST(PostgresParameters, NumbersOutsideSqlitesRangeAreRefused) {
    EXPECT_THROW(toNumberedParameters("SELECT ?0"), Error);
    EXPECT_THROW(toNumberedParameters("SELECT ?32767"), Error);
    EXPECT_EQ(toNumberedParameters("SELECT ?32766").count, 32766);
}

}  // namespace
}  // namespace ankylos::storage::sql
