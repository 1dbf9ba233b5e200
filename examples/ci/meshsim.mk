# meshsim.mk: meshsim in a Makefile (docs/ci.md): `include meshsim.mk`.
# meshsim-check fails on findings (--fail-on spof); meshsim.sarif and
# meshsim-junit.xml are written for CI, and fail only on bad input.
MESHSIM ?= meshsim
MESHSIM_FAIL_ON ?= spof
HARPER_CONFIGS ?= $(wildcard deploy/*/harperdb-config.yaml)
MESHSIM_PLAN ?= cluster.meshsim.json

meshsim-check:
	$(MESHSIM) check --fail-on $(MESHSIM_FAIL_ON) $(HARPER_CONFIGS)
	$(MESHSIM) simulate $(MESHSIM_PLAN)

# Exit 1 (findings) still writes the log; 2 (bad input) fails.
meshsim.sarif: $(HARPER_CONFIGS)
	$(MESHSIM) check --format sarif --fail-on $(MESHSIM_FAIL_ON) \
	    -o $@ $(HARPER_CONFIGS) || test $$? -eq 1

meshsim-junit.xml: $(MESHSIM_PLAN)
	$(MESHSIM) simulate --format junit -o $@ $(MESHSIM_PLAN) || \
	    test $$? -eq 1

.PHONY: meshsim-check
