// Learning-rate schedules: the values of StepLR, CosineAnnealingLR and a linear warm-up at known steps.
#include "engine/schedule.h"
#include "tests/test_util.h"

TEST_CASE("Schedule: constant, step, cosine and warm-up") {
    ll::Schedule s;
    CHECK(ll::scheduled_lr(s, 0.1f, 1000) == doctest::Approx(0.1));

    s.kind = ll::Schedule::Kind::Step;
    s.step_size = 10;
    s.gamma = 0.5f;
    CHECK(ll::scheduled_lr(s, 0.1f, 9) == doctest::Approx(0.1));
    CHECK(ll::scheduled_lr(s, 0.1f, 10) == doctest::Approx(0.05));
    CHECK(ll::scheduled_lr(s, 0.1f, 25) == doctest::Approx(0.025));

    s.kind = ll::Schedule::Kind::Cosine;
    s.total_steps = 100;
    CHECK(ll::scheduled_lr(s, 0.1f, 0) == doctest::Approx(0.1));
    CHECK(ll::scheduled_lr(s, 0.1f, 50) == doctest::Approx(0.05));
    CHECK(ll::scheduled_lr(s, 0.1f, 25) == doctest::Approx(0.1 * 0.5 * (1 + std::cos(3.14159265358979 / 4))));
    CHECK(ll::scheduled_lr(s, 0.1f, 100) == doctest::Approx(0.0));
    CHECK(ll::scheduled_lr(s, 0.1f, 150) == doctest::Approx(0.0));

    s.warmup_steps = 4;
    CHECK(ll::scheduled_lr(s, 0.1f, 0) == doctest::Approx(0.025));
    CHECK(ll::scheduled_lr(s, 0.1f, 3) == doctest::Approx(0.1 * 0.5 * (1 + std::cos(3.14159265358979 * 0.03))));

    ll::Schedule::Kind k;
    CHECK(ll::parse_schedule_kind("cosine", k).is_ok());
    CHECK(k == ll::Schedule::Kind::Cosine);
    ll::Status bad = ll::parse_schedule_kind("exp", k);
    CHECK_FALSE(bad.is_ok());
    CHECK(bad.message().find("exp") != std::string::npos);
}
