# Every command installs what it needs first (see scripts/tools.sh).
.PHONY: serve test dist bench fuzz

serve: ## serve the app with live reload at http://127.0.0.1:8080/
	scripts/serve.sh

test: ## run every check CI runs
	scripts/test.sh

dist: ## build the release bundle into dist/
	scripts/dist.sh

bench: ## build the release bundle and print its size against size-budget.json
	scripts/bench.sh

fuzz: ## fuzz every reader of outside input (nightly; SECONDS=600 each by default)
	scripts/fuzz.sh $(SECONDS)
