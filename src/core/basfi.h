#pragma once
/// BASFI, the Bath Ankylosing Spondylitis Functional Index (docs/methods.md 4).
///
/// Units: ten items, each 0-10. BASFI = mean of the ten items, range 0-10.
/// Rounding: stored at full precision; display decimals are the caller's (the spec sets none).
/// Missing data: all ten items are required; with any item missing BASFI is not computable and the
/// reason names every missing item. Nothing is imputed.

#include <array>
#include <optional>
#include <string>

#include "core/validation.h"

namespace ankylos::core {

constexpr int kBasfiItemCount = 10;

/// The ten items in questionnaire order, each 0-10; nullopt = not recorded.
struct BasfiInput {
    std::array<std::optional<double>, kBasfiItemCount> items;
};

/// Field name of item 1..10 in messages: "BASFI Q1" ... "BASFI Q10".
std::string basfiItemField(int item);

/// Every hard error at once: each recorded item must be within 0-10 (NaN is rejected).
/// Missing items are not errors.
Validation validateBasfi(const BasfiInput& input);

struct BasfiResult {
    std::optional<double> value;  ///< 0-10 at full precision; nullopt when not computable
    std::string reason;           ///< why not computable, e.g. "not computable: BASFI Q4, BASFI Q10 missing"
};

/// BASFI of one visit. Throws ValidationError (every error at once) when an item is out of range.
BasfiResult computeBasfi(const BasfiInput& input);

}  // namespace ankylos::core
