package dev.grat.eval.privacy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a MovieLens {@code ratings.csv} with a planted structure and sessions: users and movies fall into genres;
 * each user rates in a few sessions a day apart, mostly movies of their genre, a few popular ones, and one movie
 * nobody else rates (so a model trained without the user cannot know it).
 */
final class SessionRatings {

    static final int GENRES = 4;
    static final int USERS_PER_GENRE = 25;
    static final int MOVIES_PER_GENRE = 30;

    private SessionRatings() {
    }

    static Path write(Path directory, long seed) throws IOException {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>(List.of("userId,movieId,rating,timestamp"));
        for (int user = 1; user <= GENRES * USERS_PER_GENRE; user++) {
            int genre = (user - 1) / USERS_PER_GENRE;
            long time = 1_000_000_000L + random.nextInt(1_000_000);
            for (int session = 0; session < 3; session++) {
                for (int n = 0; n < 8; n++) {
                    boolean popular = random.nextDouble() < 0.2;
                    int movie = popular ? 1 + random.nextInt(3)
                            : 100 + genre * MOVIES_PER_GENRE + random.nextInt(MOVIES_PER_GENRE);
                    lines.add(user + "," + movie + ",4.0," + (time += 60 + random.nextInt(120)));
                }
                time += 86_400;
            }
            lines.add(user + "," + (10_000 + user) + ",5.0," + (time - 86_400 - 30));
        }
        return Files.write(directory.resolve("ratings.csv"), lines);
    }
}
