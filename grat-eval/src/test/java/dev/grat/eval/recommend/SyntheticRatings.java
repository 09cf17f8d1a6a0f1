package dev.grat.eval.recommend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a MovieLens-100K-style {@code u.data} with a planted structure: users and movies fall into genres,
 * users mostly rate movies of their genre (high), and rate a few others (low). A model that learns anything
 * beats popularity on it.
 */
final class SyntheticRatings {

    private SyntheticRatings() {
    }

    static Path writeUData(Path directory, long seed) throws IOException {
        Random random = new Random(seed);
        int genres = 5;
        int usersPerGenre = 30;
        int moviesPerGenre = 30;
        List<String> lines = new ArrayList<>();
        long time = 880_000_000L;
        for (int user = 0; user < genres * usersPerGenre; user++) {
            int genre = user / usersPerGenre;
            for (int movie = 0; movie < genres * moviesPerGenre; movie++) {
                boolean own = movie / moviesPerGenre == genre;
                // a popular block of movies everybody sees a little more often
                double chance = own ? 0.35 : movie % moviesPerGenre < 3 ? 0.15 : 0.02;
                if (random.nextDouble() < chance) {
                    int rating = own ? 4 + random.nextInt(2) : 1 + random.nextInt(3);
                    lines.add((user + 1) + "\t" + (movie + 1) + "\t" + rating + "\t" + (time += 1 + random.nextInt(100)));
                }
            }
        }
        Path file = directory.resolve("u.data");
        Files.write(file, lines);
        return file;
    }
}
