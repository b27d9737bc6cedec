#include "core/basfi.h"

#include <vector>

#include "core/error.h"
#include "core/format.h"

namespace ankylos::core {

namespace {

constexpr double kItemMin = 0.0;
constexpr double kItemMax = 10.0;

}  // namespace

std::string basfiItemField(int item) {
    if (item < 1 || item > kBasfiItemCount)
        throw InternalError("BASFI item out of 1-10: " + std::to_string(item));
    return "BASFI Q" + std::to_string(item);
}

Validation validateBasfi(const BasfiInput& input) {
    Validation validation;
    for (int i = 0; i < kBasfiItemCount; ++i)
        if (input.items[i])
            validation.requireRange(basfiItemField(i + 1), *input.items[i], kItemMin, kItemMax);
    return validation;
}

BasfiResult computeBasfi(const BasfiInput& input) {
    validateBasfi(input).throwIfErrors();

    BasfiResult result;
    std::vector<std::string> missing;
    double sum = 0.0;
    for (int i = 0; i < kBasfiItemCount; ++i) {
        if (input.items[i])
            sum += *input.items[i];
        else
            missing.push_back(basfiItemField(i + 1));
    }
    if (!missing.empty()) {
        // No imputation (docs/methods.md 4: all items required); every missing item is named.
        result.reason = "not computable: " + joinNames(missing) + " missing";
        return result;
    }
    result.value = sum / kBasfiItemCount;
    return result;
}

}  // namespace ankylos::core
