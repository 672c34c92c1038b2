-- A successful login forgets the account's count from the client's network and gives the client's
-- address and the account's count from every network their attempt back (the app now counts an
-- account per network, and from everywhere only at a higher limit: see src/auth/throttle.rs).

create function app.throttle_login_succeeded(p_forget text, p_give_back text[]) returns void
    language sql volatile security definer
    set search_path = ''
    as $$
        delete from public.login_throttle where key = p_forget;
        update public.login_throttle set failures = greatest(failures - 1, 0)
        where key = any (p_give_back);
    $$;

alter function app.throttle_login_succeeded(text, text[]) owner to santa_definer;
revoke execute on function app.throttle_login_succeeded(text, text[]) from public;
grant execute on function app.throttle_login_succeeded(text, text[]) to santa_app;
