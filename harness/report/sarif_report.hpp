#pragma once

// SARIF 2.1.0 for code scanning (`--sarif FILE` on run, lincheck and replay):
// one result per bug found, at the line that failed or raced, the other
// access or acquisition as related locations, and the shrunk interleaving as
// a code flow with one thread flow per task.

#include <filesystem>
#include <string>
#include <vector>

#include "report/variant_report.hpp"

namespace interleave::report {

struct SarifOptions {
  // Source files are given relative to this directory (the uriBaseId
  // SRCROOT): a basename the engines report ("counter.cpp") is looked up
  // beneath it. Empty: the current directory.
  std::filesystem::path source_root;
};

// A SARIF log with one run: a result for every report whose verdict is not
// clean (level error, ruleId the verdict); no bug, an empty results array.
std::string to_sarif(const std::vector<VariantReport>& reports, const SarifOptions& options = {});

}  // namespace interleave::report
