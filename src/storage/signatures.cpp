#include "storage/signatures.h"

#include <nlohmann/json.hpp>

#include "core/validation.h"
#include "storage/audit.h"
#include "storage/errors.h"
#include "storage/sql/postgres_connection.h"
#include "storage/transaction.h"

namespace ankylos::storage {

namespace {

const char* tableOf(core::SignOff::Record record) {
    return record == core::SignOff::Record::Visit ? "visit" : "reading";
}

/// "visit 2020-05-04 of AS-0001", "the reading by Dr. Chen of the film 2020-05-04 of AS-0001", as the
/// user knows the record; empty when there is no such record.
std::string recordName(Database& db, core::SignOff::Record record, std::int64_t rowId) {
    sql::Statement query(
        sql::connectionOf(db),
        record == core::SignOff::Record::Visit
            ? "SELECT 'visit ' || v.visit_date || ' of ' || p.clinic_id FROM visit v "
              "JOIN patient p ON p.id = v.patient_id WHERE v.id = ?"
            : "SELECT 'the reading by ' || rd.name || ' of the film ' || f.film_date || ' of ' || "
              "p.clinic_id FROM reading r JOIN film f ON f.id = r.film_id "
              "JOIN patient p ON p.id = f.patient_id JOIN reader rd ON rd.id = r.reader_id "
              "WHERE r.id = ?");
    query.bind(1, rowId);
    return query.executeStep() ? query.getColumn(0).getString() : std::string();
}

}  // namespace

void SignatureRepository::confirmPassword(const std::string& password) {
    if (password.empty())
        throw core::ValidationError("password", "(none)", "the signer's password, typed again to sign");
    try {
        sql::PostgresConnection again(m_db.file().string(), 5000, password);
        if (!again.usedPassword())
            throw NotPermitted("the server signs " + m_db.user() +
                               " in without a password, so it cannot confirm a signature: its administrator "
                               "must require passwords (scram-sha-256 in pg_hba.conf). Nothing was signed.");
    } catch (const sql::WrongPassword&) {
        throw WrongPassword("the server did not accept the password of " + m_db.user() +
                            ". Nothing was signed.");
    }
}

void SignatureRepository::sign(core::SignOff::Record record, std::int64_t rowId, std::int64_t openedAt,
                               const std::string& password) {
    const bool visit = record == core::SignOff::Record::Visit;
    if (!allows(m_db.roles(), visit ? Action::SignVisits : Action::SignReadings))
        throw NotPermitted(
            "the account " + m_db.user() + " (" + toString(m_db.roles()) + ") may not sign " +
            (visit ? "visits: a physician signs a visit." : "readings: a reader or a physician does."));
    const std::string table = tableOf(record);
    const std::string name = recordName(m_db, record, rowId);
    if (name.empty())
        throw core::ValidationError(table, std::to_string(rowId), "a " + table + " that exists");
    if (m_db.onServer())
        confirmPassword(password);

    Transaction transaction(m_db);
    requireUnchangedSince(m_db, table, rowId, openedAt, [&] { return name; });
    const std::int64_t version = auditVersion(m_db, table, rowId);
    sql::Statement signedAlready(
        sql::connectionOf(m_db),
        "SELECT signer, signed_at FROM signature WHERE table_name = ? AND row_id = ? "
        "AND version = ?");
    signedAlready.bind(1, table);
    signedAlready.bind(2, rowId);
    signedAlready.bind(3, version);
    if (signedAlready.executeStep())
        throw core::ValidationError("signature", name,
                                    "a version not signed yet: this one was signed by " +
                                        signedAlready.getColumn(0).getString() + " at " +
                                        signedAlready.getColumn(1).getString());

    const std::string at = m_db.now();
    const std::string method = m_db.onServer() ? "password" : "name";
    sql::Statement insert(
        sql::connectionOf(m_db),
        "INSERT INTO signature (table_name, row_id, version, signer, signed_at, meaning, method) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id");
    insert.bind(1, table);
    insert.bind(2, rowId);
    insert.bind(3, version);
    insert.bind(4, m_db.user());
    insert.bind(5, at);
    insert.bind(6, std::string(kReviewedAndApproved));
    insert.bind(7, method);
    const std::int64_t id = insert.execReturningId();
    appendAudit(m_db, m_db.user(),
                {"signature",
                 id,
                 AuditAction::Insert,
                 nullptr,
                 {{"table", table},
                  {"row_id", rowId},
                  {"version", version},
                  {"signer", m_db.user()},
                  {"signed_at", at},
                  {"meaning", kReviewedAndApproved},
                  {"method", method}},
                 ""});
    transaction.commit();
}

core::SignOff signOffFrom(sql::Statement& q) {
    core::SignOff signOff;
    signOff.record =
        q.getColumn(1).getString() == "visit" ? core::SignOff::Record::Visit : core::SignOff::Record::Reading;
    signOff.date = core::parseIsoDate(q.getColumn(2).getString(), "record_date");
    signOff.reader = q.getColumn(3).getString();
    signOff.signer = q.getColumn(4).getString();
    signOff.signedAt = q.getColumn(5).getString();
    signOff.meaning = q.getColumn(6).getString();
    signOff.passwordConfirmed = q.getColumn(7).getString() == "password";
    signOff.current = q.getColumn(8).getInt() != 0;
    return signOff;
}

std::vector<core::SignOff> SignatureRepository::of(core::SignOff::Record record, std::int64_t rowId) {
    sql::Statement query(sql::connectionOf(m_db), std::string("SELECT ") + kSignOffColumns +
                                                      " FROM signature_status WHERE table_name = ? AND "
                                                      "row_id = ? ORDER BY id");
    query.bind(1, std::string(tableOf(record)));
    query.bind(2, rowId);
    std::vector<core::SignOff> signOffs;
    while (query.executeStep())
        signOffs.push_back(signOffFrom(query));
    return signOffs;
}

}  // namespace ankylos::storage
