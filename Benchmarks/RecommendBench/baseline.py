"""arxiv-sanity-lite's recommendation method on PaperFeed's benchmark splits.

Features as its compute.py makes them (tf-idf of word 1-2-grams, English stop words, sublinear
tf, min_df 5, max_df 0.5, 10,000 features), over title + abstract only: compute.py also appends
the author names, which would hand an author-built benchmark its answers. Per user, as its
serve.py does: LinearSVC(class_weight="balanced", C=0.01, tol=1e-6, max_iter=10000) with the
user's papers as positives and every other paper as a negative, then decision_function over all.

Usage: python baseline.py SPLITS.json RANKINGS.json
SPLITS: {"corpus": [{"id", "text"}], "users": [{"name", "train": [ids], "test": [ids]}], "k": 50}
RANKINGS: {"<name>": [the k best ids that are not in train], ...}, "_seconds": training+ranking time
"""
import json
import sys
import time

import numpy as np
from sklearn import svm
from sklearn.feature_extraction.text import TfidfVectorizer


def main() -> None:
    splits = json.load(open(sys.argv[1], encoding="utf-8"))
    ids = [paper["id"] for paper in splits["corpus"]]
    index = {paper_id: i for i, paper_id in enumerate(ids)}
    vectorizer = TfidfVectorizer(input="content", encoding="utf-8", decode_error="replace", strip_accents="unicode",
                                 lowercase=True, analyzer="word", stop_words="english",
                                 token_pattern=r"(?u)\b[a-zA-Z_][a-zA-Z0-9_]+\b", ngram_range=(1, 2),
                                 max_features=10000, norm="l2", use_idf=True, smooth_idf=True, sublinear_tf=True,
                                 max_df=0.5, min_df=5)
    x = vectorizer.fit_transform(paper["text"] for paper in splits["corpus"]).astype(np.float32)
    k = splits.get("k", 50)
    rankings = {}
    started = time.perf_counter()
    for user in splits["users"]:
        y = np.zeros(len(ids), dtype=np.float32)
        train = {index[paper_id] for paper_id in user["train"] if paper_id in index}
        y[list(train)] = 1.0
        classifier = svm.LinearSVC(class_weight="balanced", verbose=False, max_iter=10000, tol=1e-6, C=0.01)
        classifier.fit(x, y)
        scores = classifier.decision_function(x)
        order = [i for i in np.argsort(-scores) if i not in train]
        rankings[user["name"]] = [ids[i] for i in order[:k]]
    rankings["_seconds"] = time.perf_counter() - started
    json.dump(rankings, open(sys.argv[2], "w", encoding="utf-8"))


if __name__ == "__main__":
    main()
