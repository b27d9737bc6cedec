#include "storage/sql/postgres_connection.h"

#include <libpq-fe.h>

#include <poll.h>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <vector>

#include "storage/sql/postgres_parameters.h"

namespace ankylos::storage::sql {

namespace {

// Type OIDs of the built-in types (catalog/pg_type_d.h, a server header): fixed in every version.
constexpr Oid kBool = 16;
constexpr Oid kBytea = 17;
constexpr Oid kInt8 = 20;
constexpr Oid kInt2 = 21;
constexpr Oid kInt4 = 23;
constexpr Oid kOid = 26;
constexpr Oid kFloat4 = 700;
constexpr Oid kFloat8 = 701;
constexpr Oid kNumeric = 1700;

/// The key of the writer lock (pg_advisory_xact_lock), "Anky"; advisory locks are per database.
constexpr long long kWriterLock = 0x416E6B79;
/// Prepared statements no longer used are deallocated in batches of this many, outside transactions.
constexpr std::size_t kDeallocateBatch = 16;

struct ResultDeleter {
    void operator()(PGresult* result) const { PQclear(result); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

ErrorKind kindOf(const std::string& sqlstate) {
    const std::string group = sqlstate.substr(0, 2);
    if (group == "23")  // integrity constraint violation, also when a trigger raises it
        return ErrorKind::Constraint;
    if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03")
        return ErrorKind::Busy;  // serialization failure, deadlock, lock not available
    if (sqlstate == "57014")
        return ErrorKind::Interrupted;  // query canceled
    if (sqlstate == "25006")
        return ErrorKind::ReadOnly;  // read-only transaction
    if (sqlstate == "42501")
        return ErrorKind::NotPermitted;  // insufficient privilege
    if (group == "08" || sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03")
        return ErrorKind::CantOpen;  // connection exceptions; the server shutting down or starting
    return ErrorKind::Other;
}

std::string withoutTrailingNewline(std::string message) {
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
        message.pop_back();
    return message;
}

/// The server's reason without its severity and context lines: "terminating connection due to
/// administrator command".
std::string firstLine(const std::string& message) {
    std::string line = message.substr(0, message.find('\n'));
    for (const char* severity : {"FATAL:  ", "ERROR:  "})
        if (line.rfind(severity, 0) == 0)
            line.erase(0, std::char_traits<char>::length(severity));
    return line;
}

/// The error a failed result means: the server's message, with its detail (the key that already
/// exists, the row a foreign key misses). A connection that broke is CantOpen whatever the server said.
Error errorOf(PGconn* connection, const PGresult* result) {
    if (PQstatus(connection) != CONNECTION_OK)
        return Error(ErrorKind::CantOpen, "the connection to the database server was lost (" +
                                              firstLine(PQerrorMessage(connection)) +
                                              "); try again when the server can be reached");
    const char* primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
    std::string message = withoutTrailingNewline(primary  ? primary
                                                 : result ? PQresultErrorMessage(result)
                                                          : PQerrorMessage(connection));
    if (const char* detail = PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL))
        message += std::string(" (") + detail + ")";
    const char* sqlstate = PQresultErrorField(result, PG_DIAG_SQLSTATE);
    const ErrorKind kind = kindOf(sqlstate ? sqlstate : "");
    if (kind == ErrorKind::NotPermitted)  // who was refused: the roles are the account's
        message =
            std::string("the server does not allow the account ") + PQuser(connection) + " this: " + message;
    return Error(kind, message);
}

/// raw, or the Error it carries.
Result checked(PGconn* connection, PGresult* raw) {
    Result result(raw);
    const ExecStatusType status = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY)
        return result;
    throw errorOf(connection, raw);
}

/// value as text that reads back as the same double (shortest round trip).
std::string doubleText(double value) {
    if (std::isnan(value))
        return "NaN";
    if (std::isinf(value))
        return value > 0 ? "Infinity" : "-Infinity";
    char buffer[32];
    return std::string(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

/// bytes in bytea's text form: \x and two hex digits a byte.
std::string byteaHex(const std::string& bytes) {
    static const char kHex[] = "0123456789abcdef";
    std::string text;
    text.reserve(2 + 2 * bytes.size());
    text += "\\x";
    for (const char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        text += kHex[byte >> 4];
        text += kHex[byte & 0xF];
    }
    return text;
}

/// bytea's text form (\x and two hex digits a byte) as the bytes.
std::string byteaBytes(const char* text) {
    std::size_t length = 0;
    unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(text), &length);
    if (!bytes)
        throw Error(ErrorKind::Other, "out of memory reading a bytea column");
    std::string result(reinterpret_cast<const char*>(bytes), length);
    PQfreemem(bytes);
    return result;
}

/// Notices (a table not there to drop, an identifier truncated) are the server talking to a person at
/// a terminal; libpq would print them on our stderr.
void ignoreNotice(void*, const char*) {}

/// message with any password in uri replaced: libpq quotes parts of a malformed URI back.
std::string withoutPassword(std::string message, const std::string& uri, const std::string& password) {
    std::vector<std::string> secrets{password};
    if (const auto scheme = uri.find("://"); scheme != std::string::npos) {
        const std::string authority = uri.substr(scheme + 3, uri.find('/', scheme + 3) - scheme - 3);
        const auto at = authority.rfind('@');
        const auto colon = authority.find(':');
        if (at != std::string::npos && colon < at)
            secrets.push_back(authority.substr(colon + 1, at - colon - 1));
    }
    if (PQconninfoOption* options = PQconninfoParse(uri.c_str(), nullptr)) {
        for (PQconninfoOption* option = options; option->keyword; ++option)
            if (std::string(option->keyword) == "password" && option->val)
                secrets.push_back(option->val);
        PQconninfoFree(options);
    }
    const std::string hidden = "***";
    for (const std::string& secret : secrets)
        for (auto found = secret.empty() ? std::string::npos : message.find(secret);
             found != std::string::npos; found = message.find(secret, found + hidden.size()))
            message.replace(found, secret.size(), hidden);
    return message;
}

/// libpq's keywords and values for a connection to uri. Ours come before the URI (which may change
/// them) or after it (which may not change them). The values point into uri and password.
struct ConnectParameters {
    ConnectParameters(const std::string& uri, const std::string& password, bool keepalives) {
        add("connect_timeout", "10");
        add("fallback_application_name", "ankylos");
        if (keepalives) {  // TCP only (libpq ignores them on a Unix socket): probe an idle link
            add("keepalives_idle", "30");
            add("keepalives_interval", "10");
            add("keepalives_count", "3");
        }
        add("dbname", uri.c_str());
        add("client_encoding", "UTF8");
        if (!password.empty())
            add("password", password.c_str());
        add(nullptr, nullptr);
    }
    void add(const char* keyword, const char* value) {
        keywords.push_back(keyword);
        values.push_back(value);
    }
    std::vector<const char*> keywords;
    std::vector<const char*> values;
};

}  // namespace

/// The libpq connection, shared by PostgresConnection and (weakly) its statements.
class PostgresSession {
public:
    explicit PostgresSession(PGconn* connection) : m_connection(connection) {}
    ~PostgresSession() { PQfinish(m_connection); }
    PostgresSession(const PostgresSession&) = delete;
    PostgresSession& operator=(const PostgresSession&) = delete;

    PGconn* raw() const { return m_connection; }

    /// The connection, ready for a statement run on its own: what was sent deferred is checked first
    /// (its first error thrown). One that broke outside a transaction is made again (the statement
    /// that found it broken has failed already: nothing is retried behind the caller's back); inside
    /// one it is CantOpen until the transaction is ended, which would otherwise let the rest of the
    /// transaction run, and commit, on its own.
    PGconn* live() {
        if (PQstatus(m_connection) != CONNECTION_OK) {
            if (m_transactionOpen)
                throw errorOf(m_connection, nullptr);
            reconnect();
        }
        if (m_sent > 0)
            sync();
        if (m_unused.size() >= kDeallocateBatch && PQtransactionStatus(m_connection) == PQTRANS_IDLE)
            deallocateUnused();
        return m_connection;
    }

    bool deferring() const { return m_deferring; }
    void setDeferring(bool on) { m_deferring = on; }
    /// Statements sent in the pipeline whose results are still to be read.
    bool pipelined() const { return m_sent > 0; }

    /// The connection in pipeline mode, for sending a query whose result sync() reads.
    PGconn* pipeline() {
        if (PQstatus(m_connection) != CONNECTION_OK)
            throw errorOf(m_connection, nullptr);
        if (m_sent == 0 && !PQenterPipelineMode(m_connection))
            throw errorOf(m_connection, nullptr);
        return m_connection;
    }
    /// A query was sent into the pipeline (sent is libpq's 1 for success).
    void sent(int ok) {
        if (!ok)
            throw errorOf(m_connection, nullptr);
        ++m_sent;
    }

    /// Ends the pipeline: reads the result of every query sent, and returns the last one's. Throws the
    /// first error (the queries after it did not run; the transaction is aborted as after any error).
    Result sync() {
        if (!PQpipelineSync(m_connection))
            throw errorOf(m_connection, nullptr);
        Result last;
        std::optional<Error> error;
        for (; m_sent > 0; --m_sent) {
            last.reset(PQgetResult(m_connection));
            const ExecStatusType status = last ? PQresultStatus(last.get()) : PGRES_FATAL_ERROR;
            if (!error && status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
                error = errorOf(m_connection, last.get());
            while (PGresult* extra = PQgetResult(m_connection))  // NULL ends each query's results
                PQclear(extra);
        }
        const Result syncResult(PQgetResult(m_connection));  // PGRES_PIPELINE_SYNC
        PQexitPipelineMode(m_connection);
        if (error)
            throw *error;
        return last;
    }

    std::string newStatementName() { return "ankylos_" + std::to_string(++m_statements); }
    void forget(const std::string& statementName, int generation) {
        if (generation == m_generation)
            m_unused.push_back(statementName);
    }

    /// Runs setup, the settings every session of ours needs, now and after each reconnect.
    void setUp(const std::string& setup) {
        m_setup = setup;
        checked(m_connection, PQexec(m_connection, m_setup.c_str()));
    }
    /// Which connection prepared statements belong to: 0 for the first, one more after each reconnect.
    int generation() const { return m_generation; }
    /// Between BEGIN and its end, whatever became of the connection; updated after each exec.
    bool transactionOpen() const { return m_transactionOpen; }
    void setTransactionOpen(bool open) { m_transactionOpen = open; }

private:
    /// The server forgot our prepared statements and settings: a new generation tells the
    /// statements, and the settings are made again. CantOpen while the server cannot be reached.
    void reconnect() {
        PQreset(m_connection);
        if (PQstatus(m_connection) != CONNECTION_OK)
            throw errorOf(m_connection, nullptr);
        ++m_generation;
        m_unused.clear();
        m_sent = 0;  // what was in the pipeline went with the old session (and its transaction)
        checked(m_connection, PQexec(m_connection, m_setup.c_str()));
    }

    /// Outside a transaction only: a DEALLOCATE that failed would abort it.
    void deallocateUnused() {
        std::string script;
        for (const std::string& name : m_unused)
            script += "DEALLOCATE " + name + ";";
        m_unused.clear();
        checked(m_connection, PQexec(m_connection, script.c_str()));
    }

    PGconn* m_connection;
    bool m_deferring = false;
    int m_sent = 0;  ///< queries in the pipeline, their results not read yet
    long m_statements = 0;
    int m_generation = 0;
    bool m_transactionOpen = false;
    std::string m_setup;
    std::vector<std::string> m_unused;  ///< prepared statements whose Statement is gone
};

namespace {

class PostgresStatement : public StatementImpl {
public:
    PostgresStatement(const std::shared_ptr<PostgresSession>& session, const std::string& sql)
        : m_session(session), m_sql(toNumberedParameters(sql)), m_values(m_sql.count) {}
    ~PostgresStatement() override {
        if (const auto session = m_session.lock(); session && !m_name.empty())
            session->forget(m_name, m_generation);
    }

    int parameterIndex(const std::string& name) override {
        const auto found = m_sql.names.find(name);
        if (found == m_sql.names.end())
            throw Error(ErrorKind::Other, "no parameter " + name + " in " + m_sql.text);
        return found->second;
    }
    void bindNull(int index) override { value(index).reset(); }
    void bindInteger(int index, std::int64_t value) override { this->value(index) = std::to_string(value); }
    void bindFloat(int index, double value) override { this->value(index) = doubleText(value); }
    void bindText(int index, const std::string& value) override { this->value(index) = value; }
    /// Parameters travel as text: bytes as bytea's hex form, which the server reads by the column's type.
    void bindBlob(int index, const std::string& bytes) override { this->value(index) = byteaHex(bytes); }

    bool step() override {
        if (!m_result)
            execute();
        if (m_row + 1 >= PQntuples(m_result.get())) {
            m_row = PQntuples(m_result.get());
            return false;
        }
        ++m_row;
        return true;
    }
    void reset() override {
        m_result.reset();
        m_row = -1;
    }
    void runDeferred() override;
    void clearBindings() override {
        for (auto& value : m_values)
            value.reset();
    }
    int changes() override { return m_changes; }
    int columnCount() override { return PQnfields(result()); }
    std::string columnName(int column) override { return PQfname(result(), checkedColumn(column)); }
    ColumnType columnType(int column) override;
    std::int64_t columnInteger(int column) override;
    double columnFloat(int column) override;
    std::string columnText(int column) override;

private:
    std::optional<std::string>& value(int index) {
        if (index < 1 || index > static_cast<int>(m_values.size()))
            throw Error(ErrorKind::Other, "no parameter " + std::to_string(index) + " in " + m_sql.text);
        return m_values[static_cast<std::size_t>(index - 1)];
    }
    void execute();
    /// Sends the statement into the session's pipeline; its result is read by the session's sync().
    void send(PostgresSession& session);
    std::vector<const char*> values() const;
    const PGresult* result() const {
        if (!m_result)
            throw Error(ErrorKind::Other, "the statement has not run: " + m_sql.text);
        return m_result.get();
    }
    int checkedColumn(int column) const {
        if (column < 0 || column >= PQnfields(result()))
            throw Error(ErrorKind::Other, "no column " + std::to_string(column) + " in " + m_sql.text);
        return column;
    }
    /// The text of column in the current row; nullptr for NULL.
    const char* text(int column) const {
        checkedColumn(column);
        if (m_row < 0 || m_row >= PQntuples(m_result.get()))
            throw Error(ErrorKind::Other, "no row to read a column from: " + m_sql.text);
        return PQgetisnull(m_result.get(), m_row, column) ? nullptr
                                                          : PQgetvalue(m_result.get(), m_row, column);
    }

    std::weak_ptr<PostgresSession> m_session;
    NumberedSql m_sql;
    std::vector<std::optional<std::string>> m_values;  ///< by parameter number - 1; nullopt is NULL
    std::string m_name;                                ///< its name on the server, once prepared
    int m_generation = 0;                              ///< the session's generation that prepared it
    int m_runs = 0;
    Result m_result;
    int m_row = -1;
    int m_changes = 0;
};

std::vector<const char*> PostgresStatement::values() const {
    std::vector<const char*> values;
    for (const auto& value : m_values)
        values.push_back(value ? value->c_str() : nullptr);
    return values;
}

void PostgresStatement::send(PostgresSession& session) {
    PGconn* connection = session.pipeline();
    const std::vector<const char*> values = this->values();
    const int count = static_cast<int>(values.size());
    if (!m_name.empty() && m_generation != session.generation())
        m_name.clear();
    if (m_runs > 0 && m_name.empty()) {  // as in execute(), the prepare travelling with the run
        m_name = session.newStatementName();
        m_generation = session.generation();
        session.sent(PQsendPrepare(connection, m_name.c_str(), m_sql.text.c_str(), count, nullptr));
    }
    session.sent(m_name.empty() ? PQsendQueryParams(connection, m_sql.text.c_str(), count, nullptr,
                                                    values.data(), nullptr, nullptr, 0)
                                : PQsendQueryPrepared(connection, m_name.c_str(), count, values.data(),
                                                      nullptr, nullptr, 0));
    ++m_runs;
}

void PostgresStatement::runDeferred() {
    const std::shared_ptr<PostgresSession> session = m_session.lock();
    if (!session || !session->deferring()) {
        StatementImpl::runDeferred();
        return;
    }
    send(*session);
    m_result.reset();
    m_changes = 0;
}

void PostgresStatement::execute() {
    const std::shared_ptr<PostgresSession> session = m_session.lock();
    if (!session)
        throw Error(ErrorKind::CantOpen, "the connection to the database server is closed");
    if (session->pipelined()) {  // statements sent deferred: this one travels with them
        send(*session);
        m_result = session->sync();
    } else {
        PGconn* connection = session->live();
        const std::vector<const char*> values = this->values();
        const int count = static_cast<int>(values.size());
        if (!m_name.empty() && m_generation != session->generation())
            m_name.clear();                  // prepared on a connection since lost: prepared again below
        if (m_runs > 0 && m_name.empty()) {  // running again: parse and plan it once from now on
            const std::string name = session->newStatementName();
            checked(connection, PQprepare(connection, name.c_str(), m_sql.text.c_str(), count, nullptr));
            m_name = name;
            m_generation = session->generation();
        }
        // Text parameters with types left to the server (0 OIDs): it types each from where it stands.
        m_result =
            checked(connection, m_name.empty() ? PQexecParams(connection, m_sql.text.c_str(), count, nullptr,
                                                              values.data(), nullptr, nullptr, 0)
                                               : PQexecPrepared(connection, m_name.c_str(), count,
                                                                values.data(), nullptr, nullptr, 0));
        ++m_runs;
    }
    m_row = -1;
    // PQcmdTuples counts a SELECT's rows too; changes() are those an INSERT, UPDATE or DELETE changed.
    const bool select = std::string(PQcmdStatus(m_result.get())).rfind("SELECT", 0) == 0;
    m_changes = select ? 0 : std::atoi(PQcmdTuples(m_result.get()));
}

ColumnType PostgresStatement::columnType(int column) {
    if (!text(column))
        return ColumnType::Null;
    switch (PQftype(m_result.get(), column)) {
        case kInt2:
        case kInt4:
        case kInt8:
        case kOid:
        case kBool:
            return ColumnType::Integer;
        case kFloat4:
        case kFloat8:
        case kNumeric:
            return ColumnType::Float;
        case kBytea:
            return ColumnType::Blob;
        default:
            return ColumnType::Text;
    }
}

std::int64_t PostgresStatement::columnInteger(int column) {
    const ColumnType type = columnType(column);
    const char* value = text(column);
    if (type == ColumnType::Null)
        return 0;
    if (PQftype(m_result.get(), column) == kBool)
        return value[0] == 't' ? 1 : 0;
    if (type == ColumnType::Float) {  // as SQLite casts a REAL: toward zero, clamped
        const double real = columnFloat(column);
        if (std::isnan(real))
            return 0;
        return real >= 9.2e18 ? INT64_MAX : real <= -9.2e18 ? INT64_MIN : static_cast<std::int64_t>(real);
    }
    std::int64_t integer = 0;  // text: its leading digits, as SQLite reads them
    std::from_chars(value, value + std::char_traits<char>::length(value), integer);
    return integer;
}

double PostgresStatement::columnFloat(int column) {
    const char* value = text(column);
    if (!value)
        return 0.0;
    if (PQftype(m_result.get(), column) == kBool)
        return value[0] == 't' ? 1.0 : 0.0;
    double real = 0.0;
    std::from_chars(value, value + std::char_traits<char>::length(value), real);
    return real;
}

std::string PostgresStatement::columnText(int column) {
    const char* value = text(column);
    if (!value)
        return "";
    switch (PQftype(m_result.get(), column)) {
        case kBool:
            return value[0] == 't' ? "1" : "0";
        case kBytea:
            return byteaBytes(value);
        default:
            return value;
    }
}

/// libpq gives a failed connection no SQLSTATE, only the server's message, and a refused password and
/// a database that does not exist both come after a password was sent; the server's words for the
/// first (password, md5 and scram-sha-256 authentication alike) tell them apart. A server whose
/// messages are in another language gives its own message as a plain refusal instead.
bool passwordRefused(PGconn* connection, const std::string& message) {
    return PQconnectionUsedPassword(connection) &&
           message.find("password authentication failed") != std::string::npos;
}

/// The same kind of match: the server's words for an account without LOGIN.
bool loginRefused(const std::string& message) {
    return message.find("is not permitted to log in") != std::string::npos;
}

/// OpenSSL's verdict on a server certificate that does not lead to the trusted root (sslmode verify-ca
/// or verify-full), which libpq passes on as text only. Written by the client, so never translated.
bool certificateRefused(const std::string& message) {
    return message.find("certificate verify failed") != std::string::npos;
}

/// The root certificate file the connection trusted: its sslrootcert (from the URI or PGSSLROOTCERT);
/// empty for libpq's default, ~/.postgresql/root.crt.
std::string rootCertificateOf(PGconn* connection) {
    std::string file;
    if (PQconninfoOption* options = PQconninfo(connection)) {
        for (PQconninfoOption* option = options; option->keyword; ++option)
            if (std::string(option->keyword) == "sslrootcert" && option->val)
                file = option->val;
        PQconninfoFree(options);
    }
    return file;
}

}  // namespace

PostgresConnection::PostgresConnection(const std::string& uri, int busyTimeoutMs,
                                       const std::string& password) {
    const ConnectParameters parameters(uri, password, false);
    m_session = std::make_shared<PostgresSession>(
        PQconnectdbParams(parameters.keywords.data(), parameters.values.data(), 1));
    PGconn* connection = m_session->raw();
    if (!connection)
        throw Error(ErrorKind::CantOpen, "out of memory connecting to the database server");
    if (PQstatus(connection) != CONNECTION_OK) {
        const std::string message =
            withoutPassword(withoutTrailingNewline(PQerrorMessage(connection)), uri, password);
        if (PQconnectionNeedsPassword(connection) && password.empty())
            throw PasswordRequired(message);
        if (passwordRefused(connection, message))
            throw WrongPassword(message);
        if (loginRefused(message))
            throw AccountDisabled(message);
        if (certificateRefused(message))
            throw CertificateNotVerified(message, rootCertificateOf(connection));
        throw Error(ErrorKind::CantOpen, message);
    }
    PQsetNoticeProcessor(connection, ignoreNotice, nullptr);
    // After connecting, not as startup options, so a URI's own options=... still applies. Doubles with
    // extra_float_digits 3 are the shortest text that reads back exactly (PostgreSQL 12 on). No JIT:
    // compiling the whole cohort's readings query took longer than running it (146 ms against 31 ms
    // for 600 patients), and no query of ours runs long enough to win it back.
    m_session->setUp(
        "SET DateStyle = ISO; SET extra_float_digits = 3; SET TimeZone = 'UTC'; SET jit = off; "
        "SET lock_timeout = " +
        std::to_string(busyTimeoutMs));
}

PostgresConnection::~PostgresConnection() {
    forgetStatements();
}

std::shared_ptr<StatementImpl> PostgresConnection::prepare(const std::string& sql) {
    return std::make_shared<PostgresStatement>(m_session, sql);
}

void PostgresConnection::setBulkWrite(bool on) {
    Connection::setBulkWrite(on);
    m_session->setDeferring(on);
}

void PostgresConnection::exec(const std::string& script) {
    // What was sent deferred is read first; a rollback discards that work, its error with it.
    if (m_session->pipelined()) {
        try {
            m_session->sync();
        } catch (const Error&) {
            if (script.rfind("ROLLBACK", 0) != 0)
                throw;
        }
    }
    PGconn* connection = m_session->live();
    PGresult* result = PQexec(connection, script.c_str());
    if (PQstatus(connection) == CONNECTION_OK)  // the script's BEGIN or COMMIT, run or failed
        m_session->setTransactionOpen(PQtransactionStatus(connection) != PQTRANS_IDLE);
    checked(connection, result);
}

void PostgresConnection::begin() {
    try {
        exec("BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(" +
             std::to_string(kWriterLock) + ")");
    } catch (const Error&) {
        try {
            if (inTransaction())  // the lock was not had in time: the transaction is left aborted
                exec("ROLLBACK");
        } catch (const Error&) {
            // The connection broke: the server rolls back by itself; the first error says why.
        }
        throw;
    }
}

void PostgresConnection::commit() {
    m_session->setTransactionOpen(false);  // a COMMIT that fails has ended the transaction too
    exec("COMMIT");
}

void PostgresConnection::rollback() {
    m_session->setTransactionOpen(false);
    if (PQstatus(m_session->raw()) != CONNECTION_OK)
        return;  // the server rolled back when it lost the connection
    exec("ROLLBACK");
}

bool PostgresConnection::inTransaction() const {
    return m_session->transactionOpen();
}

int PostgresConnection::backendPid() const {
    return PQbackendPID(m_session->raw());
}

bool PostgresConnection::usedPassword() const {
    return PQconnectionUsedPassword(m_session->raw()) != 0;
}

std::string PostgresConnection::scramVerifier(const std::string& account, const std::string& password) {
    PGconn* connection = m_session->live();
    char* verifier = PQencryptPasswordConn(connection, password.c_str(), account.c_str(), "scram-sha-256");
    if (!verifier)
        throw Error(ErrorKind::Other, withoutTrailingNewline(PQerrorMessage(connection)));
    std::string text(verifier);
    PQfreemem(verifier);
    return text;
}

std::int64_t PostgresConnection::lastInsertId() {
    PGconn* connection = m_session->live();
    const Result result = checked(connection, PQexec(connection, "SELECT lastval()"));
    std::int64_t id = 0;
    const char* text = PQgetvalue(result.get(), 0, 0);
    std::from_chars(text, text + std::char_traits<char>::length(text), id);
    return id;
}

namespace {

/// Whether socket is ready for writing (write) or reading, without waiting longer than ms.
bool socketReady(int socket, bool write, int ms) {
    pollfd watched{socket, static_cast<short>(write ? POLLOUT : POLLIN), 0};
    return ::poll(&watched, 1, ms) > 0;
}

}  // namespace

PostgresListener::PostgresListener(const std::string& uri, const std::string& password,
                                   const std::string& channel)
    : m_channel(channel) {
    const ConnectParameters parameters(uri, password, true);
    // Connecting starts as if PQconnectPoll had asked to write (libpq's documentation).
    m_session = std::make_unique<PostgresSession>(
        PQconnectStartParams(parameters.keywords.data(), parameters.values.data(), 1));
    PGconn* connection = m_session->raw();
    if (!connection)
        throw Error(ErrorKind::CantOpen, "out of memory connecting to the database server");
    if (PQstatus(connection) == CONNECTION_BAD)
        throw Error(ErrorKind::CantOpen,
                    withoutPassword(withoutTrailingNewline(PQerrorMessage(connection)), uri, password));
}

PostgresListener::~PostgresListener() = default;

std::vector<PostgresListener::Notification> PostgresListener::poll() {
    if (m_phase == Phase::Connecting)
        advanceConnecting();
    std::vector<Notification> arrived;
    if (m_phase == Phase::Connecting)
        return arrived;
    PGconn* connection = m_session->raw();
    // Reads whatever the socket holds (never waits: libpq's socket is non-blocking); 0 when it broke.
    if (PQflush(connection) < 0 || !PQconsumeInput(connection))
        throw errorOf(connection, nullptr);
    readResults();
    while (PGnotify* notification = PQnotifies(connection)) {
        arrived.push_back({notification->be_pid, notification->extra});
        PQfreemem(notification);
    }
    return arrived;
}

void PostgresListener::advanceConnecting() {
    PGconn* connection = m_session->raw();
    while (socketReady(PQsocket(connection), m_wantsWrite, 0)) {
        switch (PQconnectPoll(connection)) {
            case PGRES_POLLING_FAILED:
                throw Error(ErrorKind::CantOpen, withoutTrailingNewline(PQerrorMessage(connection)));
            case PGRES_POLLING_READING:
                m_wantsWrite = false;
                break;
            case PGRES_POLLING_WRITING:
                m_wantsWrite = true;
                break;
            case PGRES_POLLING_OK: {
                PQsetNoticeProcessor(connection, ignoreNotice, nullptr);
                PQsetnonblocking(connection, 1);
                char* quoted = PQescapeIdentifier(connection, m_channel.c_str(), m_channel.size());
                const bool sent =
                    quoted && PQsendQuery(connection, ("LISTEN " + std::string(quoted)).c_str());
                PQfreemem(quoted);
                if (!sent)
                    throw errorOf(connection, nullptr);
                m_phase = Phase::Subscribing;
                return;
            }
            default:  // PGRES_POLLING_ACTIVE (obsolete)
                break;
        }
    }
}

void PostgresListener::readResults() {
    PGconn* connection = m_session->raw();
    while (!PQisBusy(connection)) {
        const Result result(PQgetResult(connection));
        if (!result) {
            // No result pending: the LISTEN's transaction has committed (ReadyForQuery came).
            if (m_phase == Phase::Subscribing)
                m_phase = Phase::Listening;
            return;
        }
        if (PQresultStatus(result.get()) != PGRES_COMMAND_OK)
            throw errorOf(connection, result.get());
    }
}

void PostgresListener::wait(int ms) const {
    const bool write = m_phase == Phase::Connecting && m_wantsWrite;
    socketReady(PQsocket(m_session->raw()), write, ms);
}

}  // namespace ankylos::storage::sql
