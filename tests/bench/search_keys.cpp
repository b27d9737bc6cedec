/// Cost of patient search keys (run by .ci/benchmark, not a test): loading the compiled-in pinyin table
/// (storage/han_pinyin.h), then building the search key of PATIENTS patients (storage/search_key.h), as
/// migrating a database to version 10 does for every patient: the demo cohort's names (one in five in
/// Han characters), then the same number of names all in Han characters.
///
///   search_keys [PATIENTS=20000]

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "demo/demo_cohort.h"
#include "storage/han_pinyin.h"
#include "storage/search_key.h"

namespace {

using namespace ankylos;
using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

/// Milliseconds to build every patient's key; total key bytes into bytes.
double timeKeys(const std::vector<core::Patient>& patients, std::size_t& bytes) {
    const auto start = Clock::now();
    bytes = 0;
    for (const core::Patient& patient : patients) {
        const storage::SearchKey key = storage::searchKey(patient);
        bytes += key.key.size() + key.initials.size();
    }
    return msSince(start);
}

}  // namespace

int main(int argc, char** argv) {
    const int count = argc > 1 ? std::stoi(argv[1]) : 20000;
    auto start = Clock::now();
    const std::size_t characters = storage::hanPinyin().size();
    std::printf("pinyin table: %zu characters, loaded in %.2f ms\n", characters, msSince(start));

    std::vector<core::Patient> demo;
    std::vector<core::Patient> han;
    const char* const family[] = {"王", "单", "曾", "欧阳", "吕", "张"};
    const char* const given[] = {"小明", "伟", "志强", "乐行", "晓燕", "浩然", "秀英"};
    for (int i = 0; i < count; ++i) {
        demo.push_back(demo::demoPatient(1, i, core::Date(2026, 6, 1)).patient);
        core::Patient p = demo.back();
        p.name = std::string(family[i % 6]) + given[i % 7];
        han.push_back(p);
    }
    start = Clock::now();
    storage::foldForSearch("Jürgen");
    std::printf("ICU's folding transliterator, made once per thread: %.2f ms\n", msSince(start));
    std::size_t bytes = 0;
    double ms = timeKeys(demo, bytes);
    std::printf("search keys of %d demo patients: %.1f ms (%.2f us each), %.1f bytes each\n", count, ms,
                1000 * ms / count, static_cast<double>(bytes) / count);
    ms = timeKeys(han, bytes);
    std::printf("search keys of %d names in Han characters: %.1f ms (%.2f us each), %.1f bytes each\n", count,
                ms, 1000 * ms / count, static_cast<double>(bytes) / count);
    // The pinyin's share: spelling alone, without ICU's folding.
    start = Clock::now();
    std::size_t spellings = 0;
    for (const core::Patient& patient : han)
        spellings += storage::spellInPinyin(patient.name).joined.size();
    ms = msSince(start);
    std::printf(
        "pinyin spellings of the %d names in Han characters: %.1f ms (%.2f us each), %.2f spellings each\n",
        count, ms, 1000 * ms / count, static_cast<double>(spellings) / count);
    return 0;
}
