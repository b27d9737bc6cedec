#include "storage/change_feed.h"

#include <nlohmann/json.hpp>

#include <thread>

#include "storage/database.h"
#include "storage/sql/postgres_connection.h"

namespace ankylos::storage {

namespace {

/// How long the constructor waits for the first LISTEN to take effect.
constexpr std::chrono::seconds kFirstListenWait{5};
constexpr int kWaitStepMs = 50;

/// What one announcement (the migration's JSON) says changed: its patient, or anyone when it names
/// none.
void addAnnounced(const std::string& payload, Changes& changes) {
    const nlohmann::json announced = nlohmann::json::parse(payload, nullptr, false);
    if (announced.is_object() && announced.contains("patient") && announced["patient"].is_number_integer())
        changes.patients.insert(announced["patient"].get<std::int64_t>());
    else
        changes.anyPatient = true;
}

}  // namespace

void Changes::add(const Changes& more) {
    patients.insert(more.patients.begin(), more.patients.end());
    anyPatient = anyPatient || more.anyPatient;
}

ChangeFeed::ChangeFeed(Database& db, std::chrono::milliseconds retryInterval)
    : m_onServer(db.onServer()), m_retryInterval(retryInterval) {
    if (!m_onServer)
        return;
    m_location = db.file().string();
    m_password = db.m_serverPassword;
    m_own = &static_cast<const sql::PostgresConnection&>(sql::connectionOf(db));
    connect();
    const auto deadline = std::chrono::steady_clock::now() + kFirstListenWait;
    while (m_listener && !m_listener->listening() && std::chrono::steady_clock::now() < deadline) {
        m_listener->wait(kWaitStepMs);
        Changes none;  // nothing arrives before the LISTEN is in effect
        receive(none);
    }
    if (m_listener && !m_listener->listening())
        lost("the server did not answer within " + std::to_string(kFirstListenWait.count()) + " s");
}

ChangeFeed::~ChangeFeed() = default;

Changes ChangeFeed::poll() {
    Changes changes;
    if (!m_onServer)
        return changes;
    if (!m_listener && std::chrono::steady_clock::now() >= m_retryAt)
        connect();
    if (m_listener)
        receive(changes);
    return changes;
}

void ChangeFeed::wait(int ms) const {
    if (m_listener)
        m_listener->wait(ms);
    else
        std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

void ChangeFeed::connect() {
    try {
        m_listener = std::make_unique<sql::PostgresListener>(m_location, m_password, kChannel);
    } catch (const sql::Error& e) {
        lost(e.what());
    }
}

void ChangeFeed::lost(const std::string& why) {
    m_listener.reset();
    m_missed = true;
    m_problem = why;
    m_retryAt = std::chrono::steady_clock::now() + m_retryInterval;
}

void ChangeFeed::receive(Changes& changes) {
    try {
        // Our own saves: our windows show them already. Asked each time: a connection lost and made
        // again has a new server backend.
        const int ownPid = m_own->backendPid();
        for (const sql::PostgresListener::Notification& notification : m_listener->poll())
            if (notification.senderPid != ownPid)
                addAnnounced(notification.payload, changes);
    } catch (const sql::Error& e) {
        lost(e.what());
        return;
    }
    if (m_listener->listening()) {
        m_problem.clear();
        if (m_missed)
            changes.anyPatient = true;
        m_missed = false;
    }
}

}  // namespace ankylos::storage
