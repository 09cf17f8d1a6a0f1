package dev.grat.eval.recommend;

import dev.grat.recommend.model.AlsParams;
import dev.grat.recommend.model.AlsTrainer;
import dev.grat.recommend.model.EaseParams;
import dev.grat.recommend.model.EaseTrainer;
import dev.grat.recommend.model.ItemKnnParams;
import dev.grat.recommend.model.ItemKnnTrainer;
import dev.grat.recommend.model.PopularityModel;
import dev.grat.recommend.model.Trainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The model families {@code grat eval} compares, each with its default and its search grid. */
public enum ModelFamily {

    POPULARITY("popularity") {
        @Override
        public List<Trainer> grid(EvalOptions options) {
            return List.of(PopularityModel.trainer());
        }
    },

    ITEM_KNN("item-knn") {
        @Override
        public List<Trainer> grid(EvalOptions options) {
            List<Trainer> grid = new ArrayList<>();
            for (int neighbors : new int[] {10, 20, 50, 100, 200}) {
                for (double shrinkage : new double[] {0, 20, 50, 100, 200}) {
                    grid.add(new ItemKnnTrainer(new ItemKnnParams(neighbors, shrinkage, options.threads())));
                }
            }
            return grid;
        }

        @Override
        public Trainer defaults(EvalOptions options) {
            return new ItemKnnTrainer(new ItemKnnParams(100, 10, options.threads()));
        }
    },

    EASE("ease") {
        @Override
        public List<Trainer> grid(EvalOptions options) {
            return options.easeLambdas().stream()
                    .<Trainer>map(lambda -> new EaseTrainer(new EaseParams(lambda, options.threads()))).toList();
        }

        @Override
        public Trainer defaults(EvalOptions options) {
            return options.easeLambdas().size() == 1 ? grid(options).getFirst()
                    : new EaseTrainer(new EaseParams(200, options.threads()));
        }
    },

    ALS("als") {
        @Override
        public List<Trainer> grid(EvalOptions options) {
            List<Trainer> grid = new ArrayList<>();
            AlsParams base = base(options);
            for (double unobserved : new double[] {0.01, 0.03, 0.1, 0.3, 1}) {
                for (double regularization : new double[] {0.001, 0.003, 0.01, 0.03, 0.1}) {
                    grid.add(new AlsTrainer(base.withUnobservedWeight(unobserved).withRegularization(regularization)));
                }
            }
            return grid;
        }

        @Override
        public Trainer defaults(EvalOptions options) {
            return new AlsTrainer(base(options));
        }

        private AlsParams base(EvalOptions options) {
            return AlsParams.defaults().withFactors(options.factors()).withIterations(options.iterations())
                    .withSeed(options.seed()).withThreads(options.threads());
        }
    };

    private final String label;

    ModelFamily(String label) {
        this.label = label;
    }

    /** The name of the family in options and reports: popularity, item-knn, ease, als. */
    public String label() {
        return label;
    }

    /** The hyperparameter settings searched on the validation split. */
    public abstract List<Trainer> grid(EvalOptions options);

    /** The setting used without a search. */
    public Trainer defaults(EvalOptions options) {
        return grid(options).getFirst();
    }

    /** The family of this label; throws {@link IllegalArgumentException} naming {@code --models}. */
    public static ModelFamily parse(String name) {
        for (ModelFamily family : values()) {
            if (family.label.equals(name.toLowerCase(Locale.ROOT))) {
                return family;
            }
        }
        throw new IllegalArgumentException("--models takes popularity, item-knn, ease and als, was '" + name + "'");
    }
}
